using ScottPlot;

namespace Kinship.Lineage.Reporting;

/// <summary>Draws report charts with ScottPlot, headless, as PNG bytes and SVG text.</summary>
public static class ChartRenderer
{
    /// <summary>Chart width in pixels.</summary>
    public const int Width = 1000;

    /// <summary>Chart height in pixels.</summary>
    public const int Height = 520;

    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#ff7f0e"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
    ];

    /// <summary>Renders a chart to PNG bytes and SVG markup.</summary>
    public static (byte[] Png, string Svg) Render(ReportChart chart)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var plot = new Plot();
        try
        {
            switch (chart)
            {
                case IntervalChart c: DrawIntervals(plot, c); break;
                case BarChart c: DrawBars(plot, c); break;
                case OrderingChart c: DrawOrdering(plot, c); break;
                case LogLogChart c: DrawLogLog(plot, c); break;
                default: throw new ArgumentException($"unknown chart kind {chart.GetType().Name}", nameof(chart));
            }
            plot.Title(chart.Title);
            return (plot.GetImageBytes(Width, Height, ImageFormat.Png), plot.GetSvgXml(Width, Height));
        }
        finally
        {
            plot.Dispose();
        }
    }

    private static void DrawIntervals(Plot plot, IntervalChart chart)
    {
        var groups = chart.Points.Select(p => p.Group).Distinct().ToList();
        for (var g = 0; g < groups.Count; g++)
        {
            var indices = Enumerable.Range(0, chart.Points.Count).Where(i => chart.Points[i].Group == groups[g]).ToArray();
            if (indices.Length == 0) continue;
            var xs = indices.Select(i => (double)i).ToArray();
            var ys = indices.Select(i => chart.Points[i].Mean).ToArray();
            var color = Palette[g % Palette.Length];
            var bars = plot.Add.ErrorBar(xs, ys, indices.Select(i => chart.Points[i].High - chart.Points[i].Mean).ToArray());
            bars.YErrorPositive = indices.Select(i => chart.Points[i].High - chart.Points[i].Mean).ToArray();
            bars.YErrorNegative = indices.Select(i => chart.Points[i].Mean - chart.Points[i].Low).ToArray();
            bars.Color = color;
            var markers = plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 7, color);
            markers.LegendText = groups[g];
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, chart.Points.Count).Select(i => (double)i)], [.. chart.Points.Select(p => p.Label)]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 60;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 150;
        plot.Axes.Left.Label.Text = chart.YLabel;
        plot.Axes.SetLimitsY(0, 1.05);
        plot.Axes.SetLimitsX(-0.8, chart.Points.Count - 0.2);
        // Related pairs sit high and random pairs low: the lower middle is the free corner for the legend.
        plot.ShowLegend(Alignment.LowerCenter);
    }

    private static void DrawBars(Plot plot, BarChart chart)
    {
        var seriesCount = Math.Max(1, chart.Series.Count);
        var width = 0.8 / seriesCount;
        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var bars = new List<Bar>();
            for (var c = 0; c < chart.Categories.Count && c < series.Values.Count; c++)
            {
                bars.Add(new Bar
                {
                    Position = c - 0.4 + width * (s + 0.5),
                    Value = series.Values[c],
                    Size = width * 0.95,
                    FillColor = Palette[s % Palette.Length],
                });
            }
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = series.Label;
        }
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, chart.Categories.Count).Select(i => (double)i)], [.. chart.Categories]);
        plot.Axes.Left.Label.Text = chart.YLabel;
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static void DrawLogLog(Plot plot, LogLogChart chart)
    {
        var points = chart.Points.Where(p => p.X > 0 && p.Y > 0).ToList();
        var xs = points.Select(p => Math.Log10(p.X)).ToArray();
        var ys = points.Select(p => Math.Log10(p.Y)).ToArray();
        plot.Add.Markers(xs, ys, MarkerShape.FilledCircle, 7, Palette[0]);
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Label is { } label)
            {
                var text = plot.Add.Text(label, xs[i], ys[i]);
                text.LabelFontSize = 11;
                text.LabelRotation = -30;
                text.LabelFontColor = Palette[3];
            }
        }
        // Decade ticks: 10^k written out, so the axes read as counts.
        static (double[] Positions, string[] Labels) Decades(double[] values)
        {
            var top = values.Length == 0 ? 1 : (int)Math.Ceiling(values.Max()) + 1;
            var positions = Enumerable.Range(0, top + 1).Select(k => (double)k).ToArray();
            return (positions, [.. positions.Select(k => Math.Pow(10, k).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture))]);
        }
        var (xTicks, xLabels) = Decades(xs);
        var (yTicks, yLabels) = Decades(ys);
        plot.Axes.Bottom.SetTicks(xTicks, xLabels);
        plot.Axes.Left.SetTicks(yTicks, yLabels);
        plot.Axes.Bottom.Label.Text = chart.XLabel + " (log scale)";
        plot.Axes.Left.Label.Text = chart.YLabel + " (log scale)";
        plot.Axes.SetLimits(-0.2, xTicks[^1], -0.2, yTicks[^1]);
    }

    private static void DrawOrdering(Plot plot, OrderingChart chart)
    {
        var position = chart.Order.Select((item, i) => (item, i)).ToDictionary(p => p.item, p => (double)p.i, StringComparer.Ordinal);
        var maxWeight = chart.Arcs.Count == 0 ? 1 : Math.Max(1e-9, chart.Arcs.Max(a => a.Weight));
        foreach (var arc in chart.Arcs)
        {
            if (!position.TryGetValue(arc.From, out var x1) || !position.TryGetValue(arc.To, out var x2)) continue;
            var forward = x2 > x1;
            var height = Math.Abs(x2 - x1) / 2 * (forward ? 1 : -1);
            // A half-ellipse from x1 to x2: above the axis when the arc agrees with the order, below when it does not.
            var xs = new double[25];
            var ys = new double[25];
            for (var k = 0; k < xs.Length; k++)
            {
                var t = Math.PI * k / (xs.Length - 1);
                xs[k] = (x1 + x2) / 2 - (x2 - x1) / 2 * Math.Cos(t);
                ys[k] = height * Math.Sin(t);
            }
            var line = plot.Add.ScatterLine(xs, ys, forward ? Palette[0] : Palette[3]);
            line.LineWidth = (float)(0.5 + 5 * arc.Weight / maxWeight);
        }
        var nodeXs = Enumerable.Range(0, chart.Order.Count).Select(i => (double)i).ToArray();
        plot.Add.Markers(nodeXs, new double[nodeXs.Length], MarkerShape.FilledCircle, 9, Colors.Black);
        plot.Axes.Bottom.SetTicks(nodeXs, [.. chart.Order]);
        plot.Axes.Bottom.TickLabelStyle.Rotation = 60;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleLeft;
        plot.Axes.Bottom.MinimumSize = 120;
        plot.Axes.Left.Label.Text = "with the order (above) / against it (below)";
    }
}
