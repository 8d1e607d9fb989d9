using Kinship.Leap.Cli.Commands;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("leap");
    config.UseStrictParsing();
    config.ValidateExamples();
<<<<<<< HEAD
    config.AddCommand<Kinship.Leap.Cli.Solve.SolveCommand>("solve").WithDescription("Solve one problem with N peer-learning reasoning paths on a GGUF model");
    config.AddCommand<Kinship.Leap.Cli.Commands.ServeCommand>("serve").WithDescription("Serve a GGUF model as an OpenAI-compatible /v1/completions endpoint");
=======
    config.AddCommand<ServeCommand>("serve").WithDescription("Serve a GGUF model as an OpenAI-compatible /v1/completions endpoint");
>>>>>>> llama
    config.AddCommand<GradeCommand>("grade").WithDescription("Grade saved predictions (JSON Lines) against reference answers");
});
return await app.RunAsync(args);
