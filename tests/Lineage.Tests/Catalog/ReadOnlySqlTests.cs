using DuckDB.NET.Data;
using Kinship.Lineage.Catalog;
using Kinship.Lineage.Tests.Hub;

namespace Kinship.Lineage.Tests.Catalog;

public sealed class ReadOnlySqlTests : IDisposable
{
    private readonly TempCatalog _catalog = new();

    public ReadOnlySqlTests() => _catalog.Import(Fixture.Path("weekly.csv"));

    public void Dispose() => _catalog.Dispose();

    private string Quoted(string name) => "'" + _catalog.File(name).Replace("'", "''", StringComparison.Ordinal) + "'";

    private string Rejected(string sql) => Assert.Throws<QueryRejectedException>(() => CatalogQuery.Run(_catalog.Path_, sql, TestContext.Current.CancellationToken)).Message;

    [Fact]
    public void A_second_statement_is_an_error_that_says_so_and_nothing_runs()
    {
        var message = Rejected("SELECT 1; DELETE FROM models");

        Assert.Equal("lineage sql runs exactly one statement; this SQL has 2 (run them one at a time)", message);
        Assert.Equal(6, _catalog.Scalar("SELECT count(*) FROM models"));
    }

    [Fact]
    public void Attaching_another_catalog_read_write_to_insert_into_it_is_refused()
    {
        var other = _catalog.File("other.duckdb");
        using (var connection = new DuckDBConnection($"Data Source={other}"))
        {
            connection.Open();
            CatalogConnection.Execute(connection, "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)");
        }

        Rejected($"ATTACH {Quoted("other.duckdb")} AS o (READ_WRITE); INSERT INTO o.t VALUES (2)");
        var single = Rejected($"ATTACH {Quoted("other.duckdb")} AS o (READ_WRITE)");

        Assert.Equal("lineage sql is read-only and runs queries only (SELECT, FROM, WITH, SHOW, DESCRIBE, SUMMARIZE); this is a ATTACH statement", single);
        using var check = new DuckDBConnection($"Data Source={other};ACCESS_MODE=READ_ONLY");
        check.Open();
        Assert.Equal(1, CatalogConnection.Scalar(check, "SELECT count(*) FROM t"));
    }

    [Theory]
    [InlineData("COPY (SELECT 1 AS x) TO {0}", "out.csv", "COPY")]
    [InlineData("COPY models TO {0} (FORMAT parquet)", "out.parquet", "COPY")]
    [InlineData("EXPORT DATABASE {0}", "exported", "EXPORT")]
    [InlineData("SET log_query_path = {0}", "queries.log", "SET")]
    [InlineData("PRAGMA enable_profiling = 'json'", "unused", "PRAGMA")]
    [InlineData("CREATE TABLE x AS SELECT * FROM read_csv({0})", "unused", "CREATE")]
    public void Statements_that_write_files_are_refused_and_write_nothing(string template, string target, string type)
    {
        var sql = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Quoted(target));

        var message = Rejected(sql);

        Assert.EndsWith($"this is a {type} statement", message, StringComparison.Ordinal);
        Assert.False(File.Exists(_catalog.File(target)) || Directory.Exists(_catalog.File(target)));
    }

    [Fact]
    public void Persistent_secrets_and_extension_installs_are_refused()
    {
        var secret = Rejected("CREATE PERSISTENT SECRET s (TYPE http, BEARER_TOKEN 'x')");
        var install = Rejected("INSTALL httpfs");

        Assert.EndsWith("this is a CREATE statement", secret, StringComparison.Ordinal);
        Assert.EndsWith("this is a INSTALL statement", install, StringComparison.Ordinal);
        Assert.Equal([Path.GetFileName(_catalog.Path_)], Directory.GetFileSystemEntries(_catalog.Folder).Select(Path.GetFileName).Where(n => !n!.EndsWith(".wal", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_query_cannot_run_a_write_through_the_query_function_or_unlock_the_configuration()
    {
        var viaQuery = Assert.Throws<DuckDBException>(() => CatalogQuery.Run(_catalog.Path_,
            $"SELECT * FROM query('COPY (SELECT 1) TO ''{_catalog.File("via-query.csv")}''')", TestContext.Current.CancellationToken));
        Assert.Contains("Expected a single SELECT statement", viaQuery.Message, StringComparison.Ordinal);
        Rejected("SET lock_configuration = false");

        Assert.False(File.Exists(_catalog.File("via-query.csv")));
        var settings = CatalogQuery.Run(_catalog.Path_,
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('lock_configuration', 'autoinstall_known_extensions', 'allow_persistent_secrets', 'access_mode') ORDER BY name", TestContext.Current.CancellationToken);
        Assert.Equal(["access_mode=read_only", "allow_persistent_secrets=false", "autoinstall_known_extensions=false", "lock_configuration=true"],
            settings.Rows.Select(r => $"{r[0]}={r[1]}".ToLowerInvariant()));
    }

    [Fact]
    public void The_only_place_a_query_may_write_is_duckdbs_own_spill_folder()
    {
        var settings = CatalogQuery.Run(_catalog.Path_,
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('temp_directory', 'enable_external_access') ORDER BY name", TestContext.Current.CancellationToken);

        Assert.Equal(["enable_external_access=true", $"temp_directory={_catalog.Path_}.tmp"], settings.Rows.Select(r => $"{r[0]}={r[1]}"));
        Rejected("SET temp_directory = '/tmp/elsewhere'");
    }

    [Fact]
    public void Reading_local_files_for_analysis_stays_allowed()
    {
        var csv = _catalog.Write("extra.csv", "id,score\na/b,1\nc/d,2\n");

        var result = CatalogQuery.Run(_catalog.Path_, $"SELECT sum(score) AS total FROM read_csv('{csv}') JOIN (SELECT 1) ON true", TestContext.Current.CancellationToken);

        Assert.Equal("3", CatalogQuery.Text(result.Rows.Single()[0]));
    }

    [Fact]
    public void Describe_show_and_summarize_are_queries()
    {
        Assert.NotEmpty(CatalogQuery.Run(_catalog.Path_, "DESCRIBE models", TestContext.Current.CancellationToken).Rows);
        Assert.NotEmpty(CatalogQuery.Run(_catalog.Path_, "SHOW TABLES", TestContext.Current.CancellationToken).Rows);
        Assert.Equal(6, Convert.ToInt64(CatalogQuery.Run(_catalog.Path_, "WITH m AS (FROM models) SELECT count(*) FROM m;", TestContext.Current.CancellationToken).Rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Empty_and_unparsable_sql_are_clear_errors()
    {
        Assert.Equal("no SQL statement given", Rejected("  -- nothing "));
        Assert.StartsWith("Parser Error: syntax error at or near \"SELEKT\"", Rejected("SELEKT 1"), StringComparison.Ordinal);
    }
}
