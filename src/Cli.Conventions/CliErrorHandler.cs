using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Spectre.Console.Cli;

namespace Kinship.Cli;

/// <summary>
/// Turns whatever a command throws into one line on standard error and an exit code of <see cref="ExitCodes"/>: command-line mistakes
/// (unknown option, wrong value type, failed validation) exit 2, Ctrl+C exits 130, anything else exits 1.
/// </summary>
internal sealed partial class CliErrorHandler(IReadOnlyList<string> args, TextWriter errors, Assembly settingsAssembly)
{
    /// <summary>Installs the handler on <paramref name="config"/>.</summary>
    public static void Install(IConfigurator config, IReadOnlyList<string> args, TextWriter errors, Assembly settingsAssembly)
    {
        ArgumentNullException.ThrowIfNull(config);
        var handler = new CliErrorHandler(args, errors, settingsAssembly);
        config.SetExceptionHandler((e, _) => handler.Handle(e));
    }

    /// <summary>Writes the one-line message of <paramref name="exception"/> and returns its exit code.</summary>
    public int Handle(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var (code, message) = exception switch
        {
            OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
            CommandAppException when exception.Message.StartsWith("Failed to convert '", StringComparison.Ordinal) => (ExitCodes.Usage, Conversion(exception.Message)),
            CommandConfigurationException => (ExitCodes.Failure, exception.Message),
            CommandAppException => (ExitCodes.Usage, exception.Message),
            _ => (ExitCodes.Failure, exception.Message),
        };
        errors.WriteLine(code == ExitCodes.Cancelled ? message : "error: " + OneLine(message));
        errors.Flush();
        return code;
    }

    private static string OneLine(string message) => string.Join("; ", message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');

    /// <summary>Spectre says <c>Failed to convert 'abc' to Nullable`1</c>; say which option wanted what.</summary>
    private string Conversion(string message)
    {
        var match = ConversionMessage().Match(message);
        if (!match.Success)
        {
            return message;
        }
        var value = match.Groups["value"].Value;
        var option = OptionOf(value);
        var type = option is null ? null : OptionType(option, match.Groups["type"].Value);
        var expected = type is null ? "a different value" : Expected(type);
        return option is null ? $"expected {expected} (got '{value}')" : $"{option} expects {expected} (got '{value}')";
    }

    /// <summary>The option token on the command line that carried <paramref name="value"/>.</summary>
    private string? OptionOf(string value)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith('-') && arg.Contains('=', StringComparison.Ordinal) && arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..] == value)
            {
                return arg[..arg.IndexOf('=', StringComparison.Ordinal)];
            }
            if (arg == value && i > 0 && args[i - 1].StartsWith('-'))
            {
                return args[i - 1];
            }
        }
        return null;
    }

    private Type? OptionType(string option, string spectreTypeName)
    {
        var name = option.TrimStart('-');
        var longForm = option.StartsWith("--", StringComparison.Ordinal);
        var candidates = new List<Type>();
        foreach (var settings in settingsAssembly.GetTypes().Where(t => typeof(CommandSettings).IsAssignableFrom(t)))
        {
            foreach (var property in settings.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<CommandOptionAttribute>() is { } attribute
                    && (longForm ? attribute.LongNames : attribute.ShortNames).Contains(name, StringComparer.Ordinal))
                {
                    candidates.Add(property.PropertyType);
                }
            }
        }
        return candidates.FirstOrDefault(t => t.Name == spectreTypeName) ?? candidates.FirstOrDefault();
    }

    private static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        if (type.IsEnum)
        {
            return "one of " + string.Join(", ", Enum.GetNames(type).Select(n => n.ToLower(CultureInfo.InvariantCulture)));
        }
        return Type.GetTypeCode(type) switch
        {
            TypeCode.Byte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 => "a whole number ≥ 0",
            TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 => "a whole number",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number",
            TypeCode.Boolean => "true or false",
            _ => "a " + type.Name,
        };
    }

    [GeneratedRegex("^Failed to convert '(?<value>.*)' to (?<type>[^.]+)\\.?", RegexOptions.Singleline)]
    private static partial Regex ConversionMessage();
}
