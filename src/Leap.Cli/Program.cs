using Kinship.Leap.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("leap");
    config.UseStrictParsing();
    config.ValidateExamples();
    config.AddCommand<GradeCommand>("grade");
    config.AddCommand<EvalCommand>("eval");
});
return await app.RunAsync(args);
