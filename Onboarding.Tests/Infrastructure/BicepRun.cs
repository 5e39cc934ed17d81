namespace Onboarding.Tests.Infrastructure;

/// <summary>What one Bicep CLI command did: its exit code and everything it printed.</summary>
public sealed record BicepRun(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>
    /// True when the command succeeded and printed nothing. Bicep reports warnings (linter rules,
    /// type mismatches) on its output but still exits 0, so silence is the only clean result.
    /// </summary>
    public bool IsClean => ExitCode == 0 && StandardOutput.Length == 0 && StandardError.Length == 0;

    public string Describe() =>
        $"`bicep {Command}` exited {ExitCode}.{Environment.NewLine}"
        + $"stdout:{Environment.NewLine}{StandardOutput}{Environment.NewLine}"
        + $"stderr:{Environment.NewLine}{StandardError}";
}
