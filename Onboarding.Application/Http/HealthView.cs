namespace Onboarding.Application.Http;

/// <summary>
/// The body of <c>GET /api/health</c>: <c>healthy</c>, <c>degraded</c> (messaging failing: journeys
/// wait and retry, requests are served) or <c>unhealthy</c> (503: storage or the task hub is down).
/// </summary>
public sealed record HealthView(string Status, HealthDependencies Dependencies);

/// <summary>Each dependency <c>up</c> or <c>down</c>; messaging as the last send met it.</summary>
public sealed record HealthDependencies(string Storage, string Durable, string Messaging);
