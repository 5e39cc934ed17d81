using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Operators;
using Onboarding.Application.Storage;

namespace Onboarding.Application.Retention;

/// <summary>
/// The retention of what operators read: a journey's audit trail and its rows in the projection go
/// <c>Retention:AuditTrail</c> after its last change once the journey itself is gone (its history purged
/// after it finished, or erased), found through the projection's journeys created before then; the
/// action log loses the months older than <c>Retention:ActionLog</c>.
/// </summary>
public sealed class OperatorRecordsSweep(JourneyIndex index, AuditTrail audit, ActionLog actions, JourneyRecords records, IOptions<RetentionOptions> options, TimeProvider time)
{
    public const string AuditTrailDeleted = "audit_trail_deleted";
    public const string ActionLogEntriesDeleted = "action_log_entries_deleted";

    public async Task RunAsync(SweepLease.Held lease, SweepReport report, CancellationToken cancellationToken)
    {
        DateTimeOffset before = time.GetUtcNow() - options.Value.AuditTrail;
        await foreach (JourneyIndexRow row in index.CreatedBeforeAsync(before, cancellationToken))
        {
            await lease.RenewIfDueAsync(cancellationToken);
            if (row.Timestamp > before)
            {
                continue; // changed since: kept for its period from then
            }

            await report.GuardAsync("audit trail", row.JourneyId, async () =>
            {
                if (await records.FindAsync(row.JourneyId, cancellationToken) is not null)
                {
                    return; // the journey is still there (running, or finished within its history's retention)
                }

                await audit.DeleteAsync(row.JourneyId, cancellationToken);
                await index.DeleteAsync(row.JourneyId, row.CreatedAt, cancellationToken);
                report.Count(AuditTrailDeleted);
            });
        }

        report.Count(ActionLogEntriesDeleted, await actions.DeleteBeforeAsync(time.GetUtcNow() - options.Value.ActionLog, cancellationToken));
    }
}
