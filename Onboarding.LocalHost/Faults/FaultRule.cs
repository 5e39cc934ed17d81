namespace Onboarding.LocalHost.Faults;

/// <summary>
/// One fault: from <see cref="From"/> until <see cref="Until"/> (UTC; a rule without them is in
/// force from when it is set and for good), a <see cref="Share"/> of the target's requests
/// (0–1, a coin per request) meet <see cref="Mode"/>.
/// </summary>
public sealed record FaultRule(
    FaultTarget Target,
    FaultMode Mode,
    DateTime? From = null,
    DateTime? Until = null,
    double Share = 1,
    int RetryAfterSeconds = 5,
    double DelaySeconds = 5)
{
    public bool InForce(DateTime now) => (From is null || now >= From) && (Until is null || now < Until);

    /// <summary>The modes each target knows.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Fits => Target switch
    {
        FaultTarget.Acs => Mode is FaultMode.Throttle or FaultMode.Unavailable or FaultMode.Hang,
        FaultTarget.EventGrid => Mode is FaultMode.Throttle or FaultMode.Unavailable or FaultMode.Hang or FaultMode.Drop,
        _ => Mode is FaultMode.Fail or FaultMode.Timeout or FaultMode.TimeoutAfterPaying,
    };
}
