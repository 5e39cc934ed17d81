using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Limits;
using Onboarding.Application.Operators;
using Onboarding.Application.PersonalData;

namespace Onboarding.Application.Retention;

/// <summary>
/// The retention sweep, which both hosts run on a timer (the Functions app's timer trigger, the local
/// host's hosted service): finished journeys (history purged after its period, crash leftovers
/// repaired), inactive journeys (told, then ended), erases still to do, the audit trails, projection
/// rows and action log past their retention, the re-encryption pass, and the abuse limits' counters
/// idle for longer than their longest window.
/// One sweep runs at a time across every instance (<see cref="SweepLease"/>); what it did goes to the
/// metrics (<c>onboarding.retention.actions</c> by action, <c>onboarding.retention.sweeps</c> by outcome).
/// </summary>
public sealed class RetentionSweeper(
    SweepLease lease,
    FinishedJourneySweep finished,
    InactiveJourneySweep inactive,
    ErasureSweep erasures,
    OperatorRecordsSweep operatorRecords,
    FieldReencryption reencryption,
    LimitCounters limitCounters,
    IOptions<LimitsOptions> limits,
    JourneyMetrics metrics,
    ILogger<RetentionSweeper> logger)
{
    /// <summary>The Functions app's schedule (NCRONTAB): every 15 minutes, as <c>Retention:SweepInterval</c> defaults to locally.</summary>
    public const string Schedule = "0 */15 * * * *";

    public const string Reencrypted = "reencrypted";

    public const string IdleCountersDeleted = "idle_counters_deleted";

    /// <summary>
    /// The longest one sweep runs; what is left waits for the next (every step is idempotent). It is
    /// well inside host.json's <c>functionTimeout</c>: a function that outlives that is not cancelled
    /// but ends with the whole worker process (a test keeps the two apart).
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(8);

    /// <summary>Runs one sweep; null when another one holds the lease.</summary>
    public async Task<SweepReport?> RunAsync(DurableTaskClient durable, CancellationToken cancellationToken)
    {
        if (await lease.TryAcquireAsync(cancellationToken) is not { } held)
        {
            metrics.RetentionSweep("skipped");
            return null;
        }

        var report = new SweepReport(metrics, logger);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        CancellationToken token = deadline.Token;
        string outcome = "failed";
        try
        {
            await finished.RunAsync(durable, held, report, token);
            await inactive.RunAsync(durable, held, report, token);
            await erasures.RunAsync(durable, held, report, token);
            await operatorRecords.RunAsync(held, report, token);
            report.Count(Reencrypted, await reencryption.RunAsync(() => held.RenewIfDueAsync(token), token));
            report.Count(IdleCountersDeleted, await limitCounters.DeleteIdleAsync(limits.Value.LongestWindow, token));

            outcome = "completed";
            logger.LogInformation("Retention sweep: {Report}", report);
            return report;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            outcome = "cut_short";
            logger.LogWarning("Retention sweep stopped at its {Deadline} deadline; the next sweep goes on: {Report}", Deadline, report);
            return report;
        }
        finally
        {
            metrics.RetentionSweep(outcome);
            await held.ReleaseAsync(outcome == "completed", CancellationToken.None);
        }
    }
}
