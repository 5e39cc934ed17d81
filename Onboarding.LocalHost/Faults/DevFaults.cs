namespace Onboarding.LocalHost.Faults;

/// <summary>
/// The fault rules in force on this local host (none unless set through <c>/dev/faults</c>).
/// A request to a stand-in asks <see cref="Pick"/> whether it should fail, and how.
/// </summary>
public sealed partial class DevFaults(TimeProvider time, ILogger<DevFaults> logger)
{
    IReadOnlyList<FaultRule> rules = [];

    public IReadOnlyList<FaultRule> Rules => Volatile.Read(ref rules);

    public void Replace(IReadOnlyList<FaultRule> newRules) => Volatile.Write(ref rules, newRules.ToArray());

    /// <summary>The first rule in force for <paramref name="target"/> (of one of <paramref name="modes"/>, when given) whose coin falls for this request, or null.</summary>
    public FaultRule? Pick(FaultTarget target, params FaultMode[] modes)
    {
        DateTime now = time.GetUtcNow().UtcDateTime;
        foreach (FaultRule rule in Rules)
        {
            if (rule.Target == target && (modes.Length == 0 || modes.Contains(rule.Mode)) && rule.InForce(now) && (rule.Share >= 1 || Random.Shared.NextDouble() < rule.Share))
            {
                Injected(logger, rule.Target, rule.Mode);
                return rule;
            }
        }

        return null;
    }

    /// <summary>How long <paramref name="rule"/> has still to run (null: no end).</summary>
    public TimeSpan? Remaining(FaultRule rule) => rule.Until - time.GetUtcNow().UtcDateTime;

    /// <summary>One line per injected fault: the chaos run counts them in the host's log.</summary>
    [LoggerMessage(Level = LogLevel.Information, Message = "Injected fault: {Target} {Mode}")]
    static partial void Injected(ILogger logger, FaultTarget target, FaultMode mode);
}
