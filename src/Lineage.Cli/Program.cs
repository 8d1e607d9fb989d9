using Kinship.Lineage.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("lineage");
    config.UseStrictParsing();
    config.ValidateExamples();
    config.AddCommand<SimulateCommand>("simulate").WithDescription("Write a synthetic Hub shaped like the study's (JSON Lines, Hub listing shape)");
    config.AddCommand<CrawlCommand>("crawl").WithDescription("Page through a Hub's /api/models listing into a resumable JSON Lines snapshot");
});
return await app.RunAsync(args);
