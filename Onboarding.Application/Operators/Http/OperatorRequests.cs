namespace Onboarding.Application.Operators.Http;

public sealed record TerminateRequest(string? Reason);
