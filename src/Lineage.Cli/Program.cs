using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("lineage");
    config.UseStrictParsing();
    config.ValidateExamples();
});
return await app.RunAsync(args);
