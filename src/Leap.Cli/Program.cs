using Kinship.Cli;
using Kinship.Leap.Cli.Commands;
using Spectre.Console.Cli;

args = LlamaStyleArguments.Expand(args);
var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("leap");
    config.SetApplicationVersion(CliVersion.Of(typeof(Program).Assembly));
    // one line on stderr and the exit-code scheme (0 ok, 1 failure, 2 usage, 130 Ctrl+C) for every command
    CliErrorHandler.Install(config, args, Console.Error, typeof(Program).Assembly);
    config.UseStrictParsing();
    config.ValidateExamples();
    config.AddCommand<Kinship.Leap.Cli.Solve.SolveCommand>("solve").WithDescription("Solve one problem with N peer-learning reasoning paths on a GGUF model");
    config.AddCommand<EvalCommand>("eval").WithDescription("Evaluate LeaP or the independent baseline on a benchmark, resumably");
    config.AddCommand<GradeCommand>("grade").WithDescription("Grade saved predictions (JSON Lines) against reference answers");
    config.AddCommand<ServeCommand>("serve").WithDescription("Serve a GGUF model as an OpenAI-compatible /v1/completions endpoint");
});
// Ctrl+C cancels the running command's token (long jobs stop cleanly and stay resumable); a second Ctrl+C kills.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = !cancellation.IsCancellationRequested;
    cancellation.Cancel();
};
return await app.RunAsync(args, cancellation.Token);
