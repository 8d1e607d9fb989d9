namespace Kinship.Lineage.Catalog;

/// <summary>The DuckDB catalog's tables: the contract between the importer and every analysis that reads the catalog.</summary>
public static class CatalogSchema
{
    /// <summary>Catalog file name used when no <c>--catalog</c> is given.</summary>
    public const string DefaultFileName = "lineage.duckdb";

    /// <summary>
    /// DDL of the catalog. <c>models</c>: one row per model (list columns are VARCHAR[]).
    /// <c>parents</c>: one row per distinct declared child–parent pair, present or absent parent, self-references
    /// included; <c>relation</c> is <c>finetune|adapter|quantized|merge|unknown</c>, <c>source</c> a comma list of
    /// <c>tags</c>, <c>card</c>, <c>table</c>. <c>imports</c>: one row per imported source.
    /// <c>import_seq</c> (models and parents) is importer bookkeeping: the catalog-wide order in which the current
    /// version of a record landed; it ties a model row to its parent rows and decides which duplicate wins.
    /// </summary>
    public const string Ddl = """
        CREATE TABLE IF NOT EXISTS models (
            id VARCHAR NOT NULL,
            author VARCHAR,
            created_at TIMESTAMPTZ,
            last_modified TIMESTAMPTZ,
            downloads BIGINT,
            likes BIGINT,
            trending_score DOUBLE,
            task VARCHAR,
            library VARCHAR,
            tags VARCHAR[],
            licenses VARCHAR[],
            languages VARCHAR[],
            other_languages VARCHAR[],
            datasets VARCHAR[],
            arxiv_ids VARCHAR[],
            gated BOOLEAN,
            private BOOLEAN,
            parent_disagreements VARCHAR[],
            card VARCHAR,
            raw_json VARCHAR,
            source VARCHAR,
            import_seq BIGINT
        );
        CREATE TABLE IF NOT EXISTS parents (
            child VARCHAR NOT NULL,
            parent VARCHAR NOT NULL,
            relation VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            import_seq BIGINT
        );
        CREATE TABLE IF NOT EXISTS imports (
            source VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            read BIGINT NOT NULL,
            imported BIGINT NOT NULL,
            replaced BIGINT NOT NULL,
            rejected BIGINT NOT NULL,
            started TIMESTAMPTZ NOT NULL,
            finished TIMESTAMPTZ NOT NULL
        );
        """;
}
