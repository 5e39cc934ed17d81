using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Http;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.PersonalData.Http;

/// <summary>
/// <c>POST /api/journeys/{id}/erase</c>: the user asks for their data to be erased. An unfinished or
/// ended journey is erased as an operator's erase does (202; 404 from then on); a verified one keeps
/// its KYC record for its retention period: the request is recorded and answered 409 with the date.
/// </summary>
public sealed class ErasureEndpoints(
    ApiCall api,
    JourneyAccess access,
    JourneyProgressReader reader,
    JourneyInputs inputs,
    JourneyEraser eraser,
    ErasureRequests requests,
    TimeProvider time)
{
    public Task<IResult> EraseAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        CancellationToken cancellationToken = request.HttpContext.RequestAborted;
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);

        // A running journey is cancelled through the journey first: it applies its inputs one at a time,
        // so it cannot become verified (making its account a KYC record) while it is being erased. Its
        // last steps are let finish, so that nothing they write comes after the erase.
        JourneyProgressReader.Snapshot now = await reader.ReadAsync(durable, record, cancellationToken);
        if (now.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending
            && now.Progress.Accepts(InputKind.Cancellation, time.GetUtcNow().UtcDateTime).IsAccepted)
        {
            await inputs.RaiseAndWaitAsync(durable, record, now.Progress, new JourneyCancelled(ByOperator: false, Reason: null), cancellationToken);
            await reader.WaitUntilAsync(durable, record, snapshot => snapshot.RuntimeStatus is not (OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending), cancellationToken);
        }

        if (await requests.HoldsKycRecordAsync(journeyId, cancellationToken))
        {
            ErasureRequest recorded = await requests.RecordAsync(record, cancellationToken);
            throw Problems.RetentionRequired(recorded.RetainedUntil);
        }

        await eraser.EraseAsync(durable, record, ErasedBy.User, cancellationToken); // the row as it was read: it still names the person
        return Results.StatusCode(StatusCodes.Status202Accepted);
    });
}
