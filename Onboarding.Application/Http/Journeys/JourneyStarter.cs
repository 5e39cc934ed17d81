using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Journeys;
using Onboarding.Application.Registration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Http.Journeys;

/// <summary>
/// Starts a journey: claims the e-mail address, writes the journey's row and schedules its
/// orchestration. Every step tolerates being repeated with the same ids, so a retried or
/// replayed start converges on one journey.
/// </summary>
public sealed class JourneyStarter(EmailClaims claims, JourneyRecords records, IOptions<JourneyOptions> options, TimeProvider time)
{
    /// <summary>A claim this young without an orchestration is a start still under way, not an orphan.</summary>
    static readonly TimeSpan StartGrace = TimeSpan.FromSeconds(30);

    /// <summary>Starts the journey (or finds the one a retried start made) and returns its row.</summary>
    public async Task<JourneyRecord> StartAsync(DurableTaskClient durable, Applicant applicant, string journeyId, string token, string? idempotencyKeyHash, CancellationToken cancellationToken)
    {
        string emailKey = EmailClaims.KeyOf(applicant.Email);
        await ClaimAsync(durable, emailKey, journeyId, cancellationToken);

        var record = new JourneyRecord
        {
            PartitionKey = journeyId,
            RowKey = JourneyRecord.Row,
            TokenHash = JourneySecrets.HashToken(token),
            Email = applicant.Email.Value,
            EmailKey = emailKey,
            PhoneNumber = applicant.Phone.E164,
            Region = applicant.Region,
            Language = applicant.Language,
            CreatedAt = time.GetUtcNow(),
            IdempotencyKeyHash = idempotencyKeyHash,
        };
        if (await records.InsertAsync(record, cancellationToken))
        {
            record = await records.GetAsync(journeyId, cancellationToken); // a retried start: the row as first written
        }

        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(
                JourneyOrchestrator.Name,
                new JourneyInput(journeyId, options.Value.ToPolicy()),
                // Never replace an instance with this id, whatever its state: a retried start must not restart a journey.
                new StartOrchestrationOptions(journeyId) { Version = JourneyVersions.Current }.WithDedupeStatuses(
                    OrchestrationRuntimeStatus.Pending,
                    OrchestrationRuntimeStatus.Running,
                    OrchestrationRuntimeStatus.Completed,
                    OrchestrationRuntimeStatus.Failed,
                    OrchestrationRuntimeStatus.Terminated),
                cancellationToken);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            // a retried start: the orchestration is already running
        }

        return record;
    }

    async Task ClaimAsync(DurableTaskClient durable, string emailKey, string journeyId, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt < 3; attempt++)
        {
            EmailClaim? holder = await claims.TryClaimAsync(emailKey, journeyId, cancellationToken);
            if (holder is null)
            {
                return;
            }

            if (holder.AccountCreated)
            {
                throw Problems.EmailAlreadyRegistered();
            }

            if (await IsActiveAsync(durable, holder, cancellationToken))
            {
                throw Problems.JourneyInProgress();
            }

            if (await claims.TakeOverAsync(holder, journeyId, cancellationToken))
            {
                return;
            }
        }

        throw Problems.JourneyInProgress();
    }

    /// <summary>Whether the journey holding a claim is still running (or still being started).</summary>
    async Task<bool> IsActiveAsync(DurableTaskClient durable, EmailClaim holder, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await durable.GetInstanceAsync(holder.JourneyId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return holder.Timestamp is { } claimedAt && time.GetUtcNow() - claimedAt < StartGrace;
        }

        // An ended journey may still be running its last activities (telling the user, releasing
        // the address): what it published decides.
        bool ended = JourneyProgressReader.Parse(instance.SerializedCustomStatus)?.Progress.Stage.IsFinal() == true;
        return !ended && instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
    }
}
