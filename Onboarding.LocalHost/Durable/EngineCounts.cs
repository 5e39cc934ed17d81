namespace Onboarding.LocalHost.Durable;

/// <summary>
/// What the orchestration service under the sidecar did since the host started: episodes
/// committed, activities completed, and instance reads (state queries by id or by filter). The
/// same figures on either engine, so the benchmark can compare the in-memory engine with the
/// Azure Storage provider; served on <c>GET /dev/engine</c> with the development routes.
/// </summary>
public sealed class EngineCounts
{
    /// <summary>Local host plumbing for the benchmark, like the local ACS endpoint: not part of the contract.</summary>
    public const string Route = "/dev/engine";

    long episodes, activities, instanceReads;

    public long Episodes => Interlocked.Read(ref episodes);

    public long Activities => Interlocked.Read(ref activities);

    public long InstanceReads => Interlocked.Read(ref instanceReads);

    public void Episode() => Interlocked.Increment(ref episodes);

    public void Activity() => Interlocked.Increment(ref activities);

    public void InstanceRead() => Interlocked.Increment(ref instanceReads);
}
