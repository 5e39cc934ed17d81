namespace Onboarding.Application.Contract;

/// <summary>
/// How a journey ended unverified, as its end screen says it: <see cref="By"/> is <c>deadline</c> (a
/// step's window passed: <see cref="AtStage"/> says which), <c>user</c>, <c>operator</c> (with the
/// <see cref="Reason"/> they gave) or <c>inactivity</c> (closed after a long time without a change).
/// </summary>
public sealed record JourneyEnding(string By, string? AtStage, string? Reason)
{
    public const string Deadline = "deadline";
    public const string User = "user";
    public const string Operator = "operator";
    public const string Inactivity = "inactivity";
}
