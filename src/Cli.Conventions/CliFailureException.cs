namespace Kinship.Cli;

/// <summary>A runtime failure of a command (exit 1) whose message is already safe for a terminal; <see cref="CliErrorHandler"/> writes it as one line on standard error.</summary>
internal sealed class CliFailureException(string message, Exception? inner = null) : Exception(message, inner);
