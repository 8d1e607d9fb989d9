using Kinship.Leap.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("leap");
    config.UseStrictParsing();
    config.ValidateExamples();
    config.AddCommand<ServeCommand>("serve").WithDescription("Serve a GGUF model as an OpenAI-compatible /v1/completions endpoint");
    config.AddCommand<GradeCommand>("grade").WithDescription("Grade saved predictions (JSON Lines) against reference answers");
});
return await app.RunAsync(args);
