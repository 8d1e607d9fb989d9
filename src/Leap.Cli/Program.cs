using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("leap");
    config.UseStrictParsing();
    config.ValidateExamples();
    config.AddCommand<Kinship.Leap.Cli.Solve.SolveCommand>("solve").WithDescription("Solve one problem with N peer-learning reasoning paths on a GGUF model");
});
return await app.RunAsync(args);
