using Kinship.Lineage.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("lineage");
    config.UseStrictParsing();
    config.ValidateExamples();
    config.AddCommand<AnalyzeCommand>("analyze").WithDescription("Run the study's analyses over a catalog and write results.json, report.md, report.html and charts.");
});
return await app.RunAsync(args);
