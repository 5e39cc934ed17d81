namespace Onboarding.Application.Http.Operators;

public sealed record TerminateRequest(string? Reason);

public sealed record JourneyPage(IReadOnlyList<System.Text.Json.Nodes.JsonObject> Items, string? ContinuationToken);

public sealed record Funnel(DateTime? From, DateTime? To, int Total, IReadOnlyDictionary<string, int> Stages);
