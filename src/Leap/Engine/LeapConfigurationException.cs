namespace Kinship.Leap.Engine;

/// <summary>A run cannot start as configured (impossible options, or a context too small for the budget); the message says why and what to change.</summary>
public sealed class LeapConfigurationException : Exception
{
    /// <summary>Creates the exception with its user-facing message.</summary>
    public LeapConfigurationException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with an empty message.</summary>
    public LeapConfigurationException()
    {
    }

    /// <summary>Creates the exception wrapping a cause.</summary>
    public LeapConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
