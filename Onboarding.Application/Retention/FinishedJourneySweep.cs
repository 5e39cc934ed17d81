using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Events;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.PersonalData;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Retention;

/// <summary>
/// The sweep over finished orchestrations (completed, failed, terminated). A journey that finished more
/// than <c>Retention:FinishedJourneyHistory</c> ago has its history purged, then its deliveries, ways back, inputs, its
/// published events (the operators' replay ends with the history) and what is left of its row deleted. One whose row still holds personal data although its stage is
/// final — its last step crashed, it failed, it ended on the earlier build — is repaired: an ended
/// journey's data is removed as <see cref="JourneyForgetter"/> does at the end (without a notice), a
/// verified journey's row loses its copies. Each finished journey is looked at once (those that
/// finished since the last completed sweep began), failed and terminated ones at every sweep.
/// </summary>
public sealed class FinishedJourneySweep(JourneyRecords records, JourneyForgetter forgetter, OnboardingTables tables, JourneyEventLog events, IOptions<RetentionOptions> options, TimeProvider time)
{
    public const string HistoryPurged = "history_purged";
    public const string Repaired = "repaired";

    /// <summary>Slack for clocks and for orchestrations that finished while the last sweep read the list.</summary>
    static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    public async Task RunAsync(DurableTaskClient durable, SweepLease.Held lease, SweepReport report, CancellationToken cancellationToken)
    {
        DateTimeOffset purgeBefore = time.GetUtcNow() - options.Value.FinishedJourneyHistory;
        DateTimeOffset? lookedAtBefore = lease.PreviousSweepStartedAt - Overlap;
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            FetchInputsAndOutputs = true,
            PageSize = 100,
        };
        await foreach (OrchestrationMetadata instance in durable.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            await lease.RenewIfDueAsync(cancellationToken);
            bool purge = instance.LastUpdatedAt <= purgeBefore;
            bool unseen = lookedAtBefore is null || instance.LastUpdatedAt >= lookedAtBefore || instance.RuntimeStatus != OrchestrationRuntimeStatus.Completed;
            if (!JourneySecrets.IsJourneyId(instance.InstanceId) || !(purge || unseen))
            {
                continue;
            }

            await report.GuardAsync("finished journey", instance.InstanceId, async () =>
            {
                JourneyStage? stage = JourneyProgressReader.Parse(instance.SerializedCustomStatus)?.Progress.Stage;
                JourneyRecord? row = await records.FindAsync(instance.InstanceId, cancellationToken);
                if (row is { ErasingSince: not null })
                {
                    return; // an erase under way, or one to finish: the erasure sweep's
                }

                // Past its history's retention the journey is over for good, whatever stage it stopped in.
                if (row is not null && row.HoldsPersonalData() && (stage?.IsFinal() == true || purge))
                {
                    await RemoveAsync(row, stage, cancellationToken);
                    report.Count(Repaired);
                }

                if (purge)
                {
                    await durable.PurgeInstanceAsync(instance.InstanceId, cancellation: cancellationToken);
                    await (await tables.GetAsync(OnboardingTables.Deliveries)).DeletePartitionAsync(instance.InstanceId, cancellationToken);
                    await events.DeleteAsync(instance.InstanceId, cancellationToken);
                    await (await tables.GetAsync(OnboardingTables.ResumeLinks)).DeletePartitionAsync(instance.InstanceId, cancellationToken);
                    await (await tables.GetAsync(OnboardingTables.JourneyInputs)).DeletePartitionAsync(instance.InstanceId, cancellationToken); // one a request stored as the journey ended
                    await records.DeleteAsync(instance.InstanceId, cancellationToken);
                    report.Count(HistoryPurged);
                }
            });
        }
    }

    /// <summary>A verified journey's row loses its copies (the account is the KYC record); any other journey's data goes.</summary>
    async Task RemoveAsync(JourneyRecord row, JourneyStage? stage, CancellationToken cancellationToken)
    {
        if (stage == JourneyStage.Verified || !await forgetter.ForgetAsync(row, cancellationToken))
        {
            await records.RemovePersonalDataAsync(row.JourneyId, time.GetUtcNow(), cancellationToken);
        }
    }
}
