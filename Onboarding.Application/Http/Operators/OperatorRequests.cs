namespace Onboarding.Application.Http.Operators;

public sealed record TerminateRequest(string? Reason);
