namespace Kinship.Lineage.Traits;

/// <summary>
/// The traits of every model, aligned to <see cref="Genealogy.LineageGraph"/> indices: licenses (lower-case ids),
/// languages (English names of ISO 639-1 codes), task, library, card features and the card's license reference.
/// Build with <see cref="Builder"/>; nodes never set declare nothing and have no card.
/// </summary>
public sealed class NodeTraits
{
    private readonly TraitColumn[] _columns;
    private readonly CardFeatures[] _cards;
    private readonly CardLicenseReference?[] _licenseReferences;
    private readonly string?[]? _cardTexts;

    private NodeTraits(TraitColumn[] columns, CardFeatures[] cards, CardLicenseReference?[] licenseReferences, string?[]? cardTexts)
    {
        _columns = columns;
        _cards = cards;
        _licenseReferences = licenseReferences;
        _cardTexts = cardTexts;
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _cards.Length;

    /// <summary>Declared licenses.</summary>
    public TraitColumn Licenses => _columns[(int)Trait.License];

    /// <summary>Declared languages, by English name.</summary>
    public TraitColumn Languages => _columns[(int)Trait.Language];

    /// <summary>Task (<c>pipeline_tag</c>), at most one per node.</summary>
    public TraitColumn Tasks => _columns[(int)Trait.Task];

    /// <summary>Library (<c>library_name</c>), at most one per node.</summary>
    public TraitColumn Libraries => _columns[(int)Trait.Library];

    /// <summary>The column of a trait.</summary>
    public TraitColumn Column(Trait trait) => _columns[(int)trait];

    /// <summary>Card features by node.</summary>
    public ReadOnlySpan<CardFeatures> Cards => _cards;

    /// <summary>The card's <c>license_name</c>/<c>license_link</c>, or <see cref="CardLicenseReference.None"/>.</summary>
    public CardLicenseReference LicenseReference(int node) => _licenseReferences[node] ?? CardLicenseReference.None;

    /// <summary>Whether card texts were kept (see <see cref="Builder(int, bool)"/>).</summary>
    public bool HasCardTexts => _cardTexts is not null;

    /// <summary>The card text of a node when texts were kept, else null.</summary>
    public string? CardText(int node) => _cardTexts?[node];

    /// <summary>The trait table of <paramref name="graph"/> from canonical records (records whose id is not a node are skipped; a later duplicate wins).</summary>
    public static NodeTraits FromModels(Genealogy.LineageGraph graph, IEnumerable<Hub.ModelRecord> models, bool keepCardText = false)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(models);
        var builder = new Builder(graph.NodeCount, keepCardText);
        foreach (var model in models)
        {
            var node = graph.IndexOf(model.Id);
            if (node >= 0)
            {
                builder.Set(node, TraitRecord.From(model));
            }
        }
        return builder.Build();
    }

    /// <summary>Fills a trait table node by node.</summary>
    public sealed class Builder
    {
        private readonly TraitColumn.Builder[] _columns;
        private readonly CardFeatures[] _cards;
        private readonly CardLicenseReference?[] _licenseReferences;
        private readonly string?[]? _cardTexts;
        private readonly List<string> _languageScratch = new(4);

        /// <summary>A builder for <paramref name="nodeCount"/> nodes; <paramref name="keepCardText"/> keeps every card's text (memory: the sum of card sizes).</summary>
        public Builder(int nodeCount, bool keepCardText = false)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
            _columns = [new(nodeCount), new(nodeCount), new(nodeCount), new(nodeCount)];
            _cards = new CardFeatures[nodeCount];
            _licenseReferences = new CardLicenseReference?[nodeCount];
            _cardTexts = keepCardText ? new string?[nodeCount] : null;
        }

        /// <summary>Number of nodes.</summary>
        public int NodeCount => _cards.Length;

        /// <summary>Sets a node's traits: licenses lower-cased, language codes named (codes that are not ISO 639-1 dropped), card measured.</summary>
        public void Set(int node, TraitRecord record)
        {
            ArgumentNullException.ThrowIfNull(record);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)node, (uint)_cards.Length, nameof(node));
            _columns[(int)Trait.License].Set(node, Lowered(record.Licenses));
            _languageScratch.Clear();
            foreach (var code in record.Languages)
            {
                if (LanguageNames.TryGetName(code?.Trim(), out var name))
                {
                    _languageScratch.Add(name);
                }
            }
            _columns[(int)Trait.Language].Set(node, _languageScratch);
            _columns[(int)Trait.Task].Set(node, record.Task);
            _columns[(int)Trait.Library].Set(node, record.Library);
            _cards[node] = CardFeatures.Measure(record.Card);
            var reference = CardLicenseReference.Parse(record.Card);
            _licenseReferences[node] = reference.IsEmpty ? null : reference;
            if (_cardTexts is not null)
            {
                _cardTexts[node] = _cards[node].HasCard ? record.Card : null;
            }
        }

        /// <summary>The finished table.</summary>
        public NodeTraits Build() => new([.. _columns.Select(c => c.Build())], _cards, _licenseReferences, _cardTexts);

        private static IEnumerable<string> Lowered(IReadOnlyList<string> licenses)
        {
            foreach (var license in licenses)
            {
                if (!string.IsNullOrWhiteSpace(license))
                {
                    yield return LicenseTaxonomy.Normalize(license);
                }
            }
        }
    }
}
