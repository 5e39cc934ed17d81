namespace Onboarding.Application.Messaging;

/// <summary>
/// How Communication Services answered the app's last try, as the health route reports it: no
/// probe of its own (ACS has no free one), only what real sends met. A failure older than
/// <see cref="Memory"/> is forgotten, so an idle app reads as up.
/// </summary>
public sealed class MessagingHealth(TimeProvider time)
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(5);

    long lastSuccessTicks;
    long lastFailureTicks;

    /// <summary>An answer that is neither a throttle nor a server error (a 4xx is our request's fault, not an outage).</summary>
    public void Answered(int status)
    {
        long now = time.GetUtcNow().UtcTicks;
        Interlocked.Exchange(ref status is 429 or >= 500 ? ref lastFailureTicks : ref lastSuccessTicks, now);
    }

    /// <summary>No answer at all (refused, reset, timed out).</summary>
    public void Unreachable() => Interlocked.Exchange(ref lastFailureTicks, time.GetUtcNow().UtcTicks);

    /// <summary>True while the last try failed, within <see cref="Memory"/>.</summary>
    public bool Failing
    {
        get
        {
            long failure = Interlocked.Read(ref lastFailureTicks);
            return failure > Interlocked.Read(ref lastSuccessTicks) && time.GetUtcNow().UtcTicks - failure < Memory.Ticks;
        }
    }
}
