namespace Kinship.Lineage.Reporting;

/// <summary>A chart of the report; <see cref="Name"/> is its file name stem (PNG and SVG are written).</summary>
public abstract record ReportChart(string Name, string Title);

/// <summary>Means with confidence intervals per labelled category, coloured by group (e.g. generations apart).</summary>
public sealed record IntervalChart(string Name, string Title, string YLabel, IReadOnlyList<IntervalPoint> Points) : ReportChart(Name, Title);

/// <summary>One point of an <see cref="IntervalChart"/>.</summary>
public sealed record IntervalPoint(string Label, string Group, double Mean, double Low, double High);

/// <summary>Grouped bars: one bar per series in each category.</summary>
public sealed record BarChart(string Name, string Title, string YLabel, IReadOnlyList<string> Categories, IReadOnlyList<BarSeries> Series) : ReportChart(Name, Title);

/// <summary>One series of a <see cref="BarChart"/>, values aligned with the categories.</summary>
public sealed record BarSeries(string Label, IReadOnlyList<double> Values);

/// <summary>Items in an order (left = upstream) with weighted arcs between them: forward arcs above the axis, backward below.</summary>
public sealed record OrderingChart(string Name, string Title, IReadOnlyList<string> Order, IReadOnlyList<OrderingArc> Arcs) : ReportChart(Name, Title);

/// <summary>One oriented arc of an <see cref="OrderingChart"/> with its net traffic.</summary>
public sealed record OrderingArc(string From, string To, double Weight);

/// <summary>Points on log10–log10 axes (e.g. a size distribution), some of them labelled (e.g. the largest families by name).</summary>
public sealed record LogLogChart(string Name, string Title, string XLabel, string YLabel, IReadOnlyList<LogLogPoint> Points) : ReportChart(Name, Title);

/// <summary>One point of a <see cref="LogLogChart"/> (both coordinates positive); <see cref="Label"/> is drawn beside it when set.</summary>
public sealed record LogLogPoint(double X, double Y, string? Label = null);
