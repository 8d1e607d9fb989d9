using Kinship.Lineage.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("lineage");
    config.UseStrictParsing();
    config.ValidateExamples();
    config.AddCommand<CrawlCommand>("crawl").WithDescription("Page through a Hub's /api/models listing into a resumable JSON Lines snapshot");
    config.AddCommand<Kinship.Lineage.Cli.Genealogy.StatsCommand>("stats").WithDescription("Family-tree statistics of a catalog");
    config.AddCommand<Kinship.Lineage.Cli.Genealogy.TreeCommand>("tree").WithDescription("A model's ancestors and descendants");
    config.AddCommand<Kinship.Lineage.Cli.Genealogy.FamilyCommand>("family").WithDescription("Statistics of a model's family");
});
return await app.RunAsync(args);
