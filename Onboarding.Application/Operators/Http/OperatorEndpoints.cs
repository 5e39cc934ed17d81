using System.Globalization;
using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Orchestration;
using Onboarding.Application.PersonalData;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Validation;

namespace Onboarding.Application.Operators.Http;

/// <summary>
/// The <c>/api/ops</c> routes: find, inspect, terminate, unlock and erase journeys, and the funnel;
/// and the operator page. Every one asks <see cref="OperatorAccess"/> who the operator is (a
/// signed-in principal with the operator role, or automation's key); actions name them in the audit trail.
/// </summary>
public sealed class OperatorEndpoints(
    ApiCall api,
    OperatorAccess operators,
    JourneyAccess access,
    JourneyProgressReader reader,
    JourneyInputRoutes inputs,
    JourneyIndex index,
    AuditTrail audit,
    ActionLog actions,
    JourneyEraser eraser,
    ErasureRequests erasures,
    TimeProvider time)
{
    const int DefaultPageSize = 25;
    const int MaxPageSize = 100;

    public Task<IResult> ListAsync(HttpRequest request, DurableTaskClient durable) => AsOperatorAsync(request, ["stage", "createdFrom", "createdTo", "pageSize", "continuationToken"], async _ =>
    {
        var errors = new ValidationErrors();
        JourneyStage? stage = null;
        if (RequestQuery.Single(request, "stage") is { } stageText)
        {
            if (JourneyStages.TryParseWireName(stageText, out JourneyStage parsed))
            {
                stage = parsed;
            }
            else
            {
                errors.Add("stage", $"Must be one of: {string.Join(", ", JourneyStages.InJourneyOrder.Select(value => value.ToWireName()))}.");
            }
        }

        DateTimeOffset? from = Time(request, "createdFrom", errors);
        DateTimeOffset? to = Time(request, "createdTo", errors);
        RequireOrdered(from, to, "createdTo", errors);
        int pageSize = DefaultPageSize;
        if (RequestQuery.Single(request, "pageSize") is { } sizeText && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > MaxPageSize))
        {
            errors.Add("pageSize", $"Must be a whole number from 1 to {MaxPageSize}.");
        }

        string? token = null;
        if (RequestQuery.Single(request, "continuationToken") is { } tokenText && (token = ContinuationToken.Decode(tokenText)) is null)
        {
            errors.Add("continuationToken", "Use the continuationToken of the previous page as it is.");
        }

        if (!errors.IsEmpty)
        {
            throw Problems.Validation(errors);
        }

        (IReadOnlyList<JourneyIndexRow> rows, string? next) page;
        try
        {
            page = await index.ListAsync(stage, from, to, pageSize, token, request.HttpContext.RequestAborted);
        }
        catch (Exception exception) when (exception is RequestFailedException { Status: 400 } or FormatException or ArgumentException)
        {
            throw Problems.Validation("continuationToken", "Use the continuationToken of the previous page as it is.");
        }

        // Each item shows its live status (the projection only chooses and orders the page).
        IReadOnlyDictionary<string, ErasureRequest> pending = await erasures.ListAsync(request.HttpContext.RequestAborted);
        OperatorJourneyView[] items = await Task.WhenAll(page.rows.Select(row => LiveItemAsync(durable, row, pending.GetValueOrDefault(row.JourneyId), request.HttpContext.RequestAborted)));
        return new NoStoreResult(Results.Json(new JourneyPage(items, page.next is null ? null : ContinuationToken.Encode(page.next)), ApiJson.Options));
    });

    public Task<IResult> GetAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => AsOperatorAsync(request, async _ =>
    {
        JourneyRecord journey = await FindAsync(request, journeyId);
        return new NoStoreResult(Results.Json(await DetailAsync(durable, journey, request.HttpContext.RequestAborted), ApiJson.Options));
    });

    public Task<IResult> TerminateAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => AsOperatorAsync(request, async by =>
    {
        JourneyRecord journey = await FindAsync(request, journeyId);
        TerminateRequest body = await RequestBody.ReadJsonAsync<TerminateRequest>(request);
        var errors = new ValidationErrors();
        string reason = TerminationReason.TryCreate(body.Reason, errors) ?? throw Problems.Validation(errors);

        JourneyProgress before = await inputs.RequireAcceptedAsync(request, durable, journey, InputKind.Cancellation);
        (_, bool applied) = await inputs.RaiseAndWaitAsync(request, durable, journey, before, new JourneyCancelled(ByOperator: true, reason));
        await audit.AppendAsync(journeyId, time.GetUtcNow(), NewKey(), AuditEventTypes.OperatorTerminated, $"reason: {reason}; by {by}", request.HttpContext.RequestAborted);
        await actions.AppendAsync(ActionLog.Terminated, by, journeyId, request.HttpContext.RequestAborted);
        return await ActionResultAsync(durable, journey, applied, request.HttpContext.RequestAborted);
    });

    public Task<IResult> UnlockAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => AsOperatorAsync(request, async by =>
    {
        JourneyRecord journey = await FindAsync(request, journeyId);
        JourneyProgress before = await inputs.RequireAcceptedAsync(request, durable, journey, InputKind.Unlock);
        (_, bool applied) = await inputs.RaiseAndWaitAsync(request, durable, journey, before, new JourneyUnlocked());
        await audit.AppendAsync(journeyId, time.GetUtcNow(), NewKey(), AuditEventTypes.OperatorUnlocked, $"one more verification cycle; by {by}", request.HttpContext.RequestAborted);
        await actions.AppendAsync(ActionLog.Unlocked, by, journeyId, request.HttpContext.RequestAborted);
        return await ActionResultAsync(durable, journey, applied, request.HttpContext.RequestAborted);
    });

    public Task<IResult> EraseAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => AsOperatorAsync(request, async by =>
    {
        JourneyRecord journey = await access.FindEvenIfErasingAsync(journeyId, request.HttpContext.RequestAborted) ?? throw Problems.JourneyNotFound();
        await eraser.EraseAsync(durable, journey, ErasedBy.Operator, request.HttpContext.RequestAborted, operatorName: by);
        return Results.NoContent();
    });

    /// <summary>
    /// The action log: what operators and erasures did, newest first, from <c>from</c> (default: 30 days
    /// ago) to <c>to</c> (default: now), of one journey with <c>journeyId</c> (also after it was erased).
    /// </summary>
    public Task<IResult> ActionsAsync(HttpRequest request) => AsOperatorAsync(request, ["from", "to", "journeyId"], async _ =>
    {
        var errors = new ValidationErrors();
        DateTimeOffset to = Time(request, "to", errors) ?? time.GetUtcNow();
        DateTimeOffset from = Time(request, "from", errors) ?? to - TimeSpan.FromDays(30);
        RequireOrdered(from, to, "to", errors);
        string? journeyId = RequestQuery.Single(request, "journeyId");
        if (journeyId is not null && !Security.JourneySecrets.IsJourneyId(journeyId))
        {
            errors.Add("journeyId", "Must be a journey id: 32 lower-case hexadecimal digits.");
        }

        if (!errors.IsEmpty)
        {
            throw Problems.Validation(errors);
        }

        IReadOnlyList<ActionLogView> entries = await actions.ListAsync(from, to, journeyId, request.HttpContext.RequestAborted);
        return new NoStoreResult(Results.Json(new ActionLogPage(entries), ApiJson.Options));
    });

    /// <summary>A range that ends before it begins holds nothing: a mistake to say, not an empty answer.</summary>
    static void RequireOrdered(DateTimeOffset? from, DateTimeOffset? to, string field, ValidationErrors errors)
    {
        if (from > to)
        {
            errors.Add(field, "Must not be before the start of the range.");
        }
    }

    public Task<IResult> FunnelAsync(HttpRequest request) => AsOperatorAsync(request, ["from", "to"], async _ =>
    {
        var errors = new ValidationErrors();
        DateTimeOffset? from = Time(request, "from", errors);
        DateTimeOffset? to = Time(request, "to", errors);
        RequireOrdered(from, to, "to", errors);
        if (!errors.IsEmpty)
        {
            throw Problems.Validation(errors);
        }

        IReadOnlyDictionary<JourneyStage, int> counts = await index.CountByStageAsync(from, to, request.HttpContext.RequestAborted);
        var funnel = new Funnel(from?.UtcDateTime, to?.UtcDateTime, counts.Values.Sum(), counts.ToDictionary(pair => pair.Key.ToWireName(), pair => pair.Value));
        return new NoStoreResult(Results.Json(funnel, ApiJson.Options));
    });

    /// <summary>
    /// The page: where the platform signs operators in, only for a signed-in operator (others are
    /// sent to sign in); elsewhere it is served to anyone and asks for the key.
    /// </summary>
    public Task<IResult> PageAsync(HttpRequest request) => api.RunPageAsync(request, () =>
    {
        if (!operators.TrustsPlatformPrincipal)
        {
            return OperatorPage.ServeAsync(signedIn: false);
        }

        if (operators.SignedIn(request) is null)
        {
            return Task.FromResult(Results.Redirect(OperatorAccess.SignInPath));
        }

        operators.Authorize(request);
        return OperatorPage.ServeAsync(signedIn: true);
    });

    /// <summary>Runs an operator route's handler with the operator's name, once <see cref="OperatorAccess"/> let them in.</summary>
    Task<IResult> AsOperatorAsync(HttpRequest request, Func<string, Task<IResult>> handler) => AsOperatorAsync(request, [], handler);

    Task<IResult> AsOperatorAsync(HttpRequest request, string[] query, Func<string, Task<IResult>> handler) =>
        api.RunAsync(request, query, () => handler(operators.Authorize(request)));

    async Task<JourneyRecord> FindAsync(HttpRequest request, string journeyId) =>
        await access.FindAsync(journeyId, request.HttpContext.RequestAborted) ?? throw Problems.JourneyNotFound();

    /// <summary>
    /// The live status and Durable's runtime status, with the audit trail; repairs the projection if it
    /// lags. The audit trail and the metrics are the journey's own reports' to write.
    /// </summary>
    async Task<OperatorJourneyView> DetailAsync(DurableTaskClient durable, JourneyRecord journey, CancellationToken cancellationToken)
    {
        JourneyProgressReader.Snapshot live = await reader.ReadAsync(durable, journey, cancellationToken);
        JourneyStatusView status = JourneyStatusView.From(journey, live.Progress);
        if (live.Progress.Version > 0)
        {
            await index.RecordAsync(status, live.Progress.Version, cancellationToken);
        }

        IReadOnlyList<AuditEventView> events = await audit.ListAsync(journey.JourneyId, cancellationToken);
        ErasureRequest? erasure = await erasures.FindAsync(journey.JourneyId, cancellationToken);
        return new OperatorJourneyView(status, live.RuntimeStatus, erasure, events, live.StepFailure);
    }

    async Task<IResult> ActionResultAsync(DurableTaskClient durable, JourneyRecord journey, bool applied, CancellationToken cancellationToken) =>
        new NoStoreResult(Results.Json(await DetailAsync(durable, journey, cancellationToken), ApiJson.Options, statusCode: applied ? StatusCodes.Status200OK : StatusCodes.Status202Accepted));

    async Task<OperatorJourneyView> LiveItemAsync(DurableTaskClient durable, JourneyIndexRow row, ErasureRequest? erasure, CancellationToken cancellationToken)
    {
        JourneyStatusView status = JsonSerializer.Deserialize<JourneyStatusView>(row.Status, ApiJson.Options)!;
        OrchestrationMetadata? instance = await durable.GetInstanceAsync(row.JourneyId, getInputsAndOutputs: true, cancellationToken);
        if (JourneyProgressReader.Parse(instance?.SerializedCustomStatus) is { } published)
        {
            status = status.WithProgress(published.Progress);
        }

        return new OperatorJourneyView(status, instance?.RuntimeStatus, erasure, events: null);
    }

    static DateTimeOffset? Time(HttpRequest request, string name, ValidationErrors errors)
    {
        if (RequestQuery.Single(request, name) is not { } text)
        {
            return null;
        }

        DateTimeOffset? time = IsoTime.TryParse(text, out string? error);
        if (time is null)
        {
            errors.Add(name, error!);
        }

        return time;
    }

    static string NewKey() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
}
