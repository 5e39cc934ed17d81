namespace Onboarding.Application.Http;

/// <summary>
/// An answer of the contract's error kind (RFC 9457 problem details with a machine-readable
/// <see cref="Code"/>). Handlers throw it; <see cref="ApiCall"/> turns it into the response.
/// </summary>
public sealed class ApiProblem(int status, string code, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public string Title { get; } = title;
    public string Detail { get; } = detail;
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
    public TimeSpan? RetryAfter { get; init; }
    public object? Extensions { get; init; }
}
