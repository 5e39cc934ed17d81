namespace Onboarding.LocalHost.Faults;

/// <summary>What a matching request meets.</summary>
public enum FaultMode
{
    /// <summary>ACS: <c>429</c> with <c>Retry-After</c>; nothing sent.</summary>
    Throttle,

    /// <summary>ACS: <c>503</c>; nothing sent.</summary>
    Unavailable,

    /// <summary>ACS: no answer until the client gives up (or the rule ends, then 503); nothing sent.</summary>
    Hang,

    /// <summary>Bank: the payout fails at once; nothing paid.</summary>
    Fail,

    /// <summary>Bank: no answer for the rule's delay, then a timeout; nothing paid.</summary>
    Timeout,

    /// <summary>Bank: the transfer is recorded, then the answer is lost (a timeout after the delay) — the idempotency case.</summary>
    TimeoutAfterPaying,
}
