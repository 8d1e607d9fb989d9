using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("leap");
    config.UseStrictParsing();
    config.ValidateExamples();
});
return await app.RunAsync(args);
