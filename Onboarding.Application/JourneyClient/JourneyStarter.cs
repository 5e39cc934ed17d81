using DurableTask.Core.Exceptions;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Registration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.JourneyClient;

/// <summary>
/// Starts a journey: writes the journey's row (with the key its e-mail address will be claimed
/// under when the user confirms it) and schedules its orchestration. Every step tolerates being
/// repeated with the same ids, so a retried or replayed start converges on one journey.
/// </summary>
public sealed class JourneyStarter(EmailClaims claims, JourneyRecords records, IOptions<JourneyOptions> options, TimeProvider time)
{
    /// <summary>Starts the journey (or finds the one a retried start made) and returns its row.</summary>
    public async Task<JourneyRecord> StartAsync(DurableTaskClient durable, Applicant applicant, string journeyId, string token, string? idempotencyKeyHash, CancellationToken cancellationToken)
    {
        string emailKey = claims.KeyOf(applicant.Email);
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
            if (await durable.GetInstanceAsync(journeyId, cancellationToken) is not null)
            {
                return record; // and its journey runs (or ran): scheduling it again would only be refused, with a warning in the log
            }
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
}
