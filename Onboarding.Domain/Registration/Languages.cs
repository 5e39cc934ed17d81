namespace Onboarding.Domain.Registration;

/// <summary>The languages the journey speaks (messages, pages and error texts).</summary>
public static class Languages
{
    public const string English = "en";
    public const string SimplifiedChinese = "zh-Hans";
    public const string Japanese = "ja";
    public const string Korean = "ko";

    public static IReadOnlyList<string> All { get; } = [English, SimplifiedChinese, Japanese, Korean];

    /// <summary>The tag <paramref name="input"/> names (written exactly as <see cref="All"/> writes it), English when absent, null when unsupported.</summary>
    public static string? Parse(string? input) => input is null ? English : All.FirstOrDefault(tag => string.Equals(tag, input, StringComparison.Ordinal));
}
