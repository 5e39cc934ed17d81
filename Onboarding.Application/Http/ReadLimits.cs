using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Operators;
using Onboarding.Domain.Limits;

namespace Onboarding.Application.Http;

/// <summary>
/// The limits of reads — a journey's status, the opening of its event stream, the e-mail link's page —
/// counted in this instance's memory (System.Threading.RateLimiting, sliding one-minute windows): they
/// protect the host that serves the reads, and a shared counter would add a storage write to every
/// read it bounds. Per client (its address, or its IPv6 /64, /56 and /48 with 1, 4 and 16 times the
/// limit) before anything is read; per journey only once the request's token matched, so nobody who
/// merely knows a journey's id (it is in the e-mail link) can use up its owner's reads. A refusal is
/// <c>429 too-many-requests</c> naming the limit, counted in the metrics (never in the audit trail,
/// which would cost a write per refused read).
/// </summary>
public sealed class ReadLimits : IDisposable
{
    readonly ClientAddresses clients;
    readonly IOptions<LimitsOptions> options;
    readonly JourneyMetrics metrics;
    readonly PartitionedRateLimiter<(string Key, int Permits)> limiter;

    public ReadLimits(ClientAddresses clients, IOptions<LimitsOptions> options, JourneyMetrics metrics)
    {
        this.clients = clients;
        this.options = options;
        this.metrics = metrics;
        limiter = PartitionedRateLimiter.Create<(string Key, int Permits), string>(counted => RateLimitPartition.GetSlidingWindowLimiter(
            counted.Key,
            _ => new SlidingWindowRateLimiterOptions
            {
                PermitLimit = counted.Permits,
                Window = TimeSpan.FromMinutes(1),
                SegmentsPerWindow = 6,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>A read by this request's client.</summary>
    public void TakeClientRead(HttpRequest request)
    {
        int perClient = options.Value.ReadsPerClientPerMinute;
        foreach (ClientNetwork network in clients.CountedAs(request))
        {
            Take(LimitNames.ReadsPerClient, "client:" + network.Key, perClient * network.Share);
        }
    }

    /// <summary>A read of the journey by a holder of its token.</summary>
    public void TakeJourneyRead(string journeyId) => Take(LimitNames.ReadsPerJourney, "journey:" + journeyId, options.Value.ReadsPerJourneyPerMinute);

    void Take(string limit, string key, int permits)
    {
        using RateLimitLease lease = limiter.AttemptAcquire((key, permits));
        if (lease.IsAcquired)
        {
            return;
        }

        metrics.Refused(limit);
        TimeSpan retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(10);
        throw Problems.TooManyRequests(limit, limit == LimitNames.ReadsPerClient
            ? "Too many requests from your network. Slow down."
            : "This registration is being read too often. Slow down.", retryAfter);
    }

    public void Dispose() => limiter.Dispose();
}
