using Onboarding.Application.Operators;

namespace Onboarding.Application.Operators.Http;

/// <summary>The answer of <c>GET /api/ops/actions</c>.</summary>
public sealed record ActionLogPage(IReadOnlyList<ActionLogView> Items);
