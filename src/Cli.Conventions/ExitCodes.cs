namespace Kinship.Cli;

/// <summary>The exit-code scheme of both command-line tools (compiled into each; one definition).</summary>
internal static class ExitCodes
{
    /// <summary>The command did what it was asked.</summary>
    public const int Success = 0;

    /// <summary>The command was well formed but failed at run time (a bad file, an unreachable server, a model that does not load).</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong: an unknown option, a value of the wrong type, an impossible combination.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C (SIGINT) stopped the command; 128 + signal 2, as shells report it.</summary>
    public const int Cancelled = 130;
}
