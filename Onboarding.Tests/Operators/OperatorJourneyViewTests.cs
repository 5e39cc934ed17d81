using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Contract;
using Onboarding.Application.Operators.Http;
using Onboarding.Application.Operators;
using Onboarding.Domain.Journeys;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Operators;

/// <summary>The operators' typed views write the JSON the contract has always had.</summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class OperatorJourneyViewTests
{
    static readonly JourneyStatusView Status = new(
        "0123456789abcdef0123456789abcdef", JourneyStage.AwaitingDepositAmounts, "US", "en", "a***@example.com", "+1******0100",
        new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc), 3, null,
        new VerificationView(1, 2, 2, null, "****4321"), new ErrorView("wrong-amounts", "The amounts are not correct."),
        new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 25, 10, 5, 0, DateTimeKind.Utc));

    static readonly AuditEventView[] Events = [new(new DateTime(2026, 11, 25, 10, 0, 1, DateTimeKind.Utc), AuditEventTypes.StageChanged, "to awaitingPhoneCode")];

    [Fact]
    public void Detail_Serialised_JourneyStatusMembersFlatThenRuntimeStatusThenEvents()
    {
        string json = JsonSerializer.Serialize(new OperatorJourneyView(Status, OrchestrationRuntimeStatus.Running, erasure: null, Events), ApiJson.Options);

        Assert.Equal(Composed(Status, "running", Events), json);
    }

    [Fact]
    public void ListItem_Serialised_NoEventsMember()
    {
        string json = JsonSerializer.Serialize(new OperatorJourneyView(Status, OrchestrationRuntimeStatus.Terminated, erasure: null, events: null), ApiJson.Options);

        Assert.Equal(Composed(Status, "terminated", events: null), json);
    }

    [Fact]
    public void NoInstance_Serialised_RuntimeStatusNull()
    {
        JsonNode view = JsonSerializer.SerializeToNode(new OperatorJourneyView(Status, runtimeStatus: null, erasure: null, events: null), ApiJson.Options)!;

        Assert.True(view.AsObject().ContainsKey("runtimeStatus"));
        Assert.Null(view["runtimeStatus"]);
    }

    [Theory]
    [InlineData(JourneyStage.AwaitingPhoneCode, true, false)]
    [InlineData(JourneyStage.Registered, true, false)]
    [InlineData(JourneyStage.Locked, true, true)]
    [InlineData(JourneyStage.Verified, false, false)]
    [InlineData(JourneyStage.Expired, false, false)]
    [InlineData(JourneyStage.Cancelled, false, false)]
    public void Actions_AsTheDomainSays_ALockedJourneyMayBeTerminated(JourneyStage stage, bool terminate, bool unlock)
    {
        var view = new OperatorJourneyView(Status with { Stage = stage }, OrchestrationRuntimeStatus.Running, erasure: null, events: null);

        Assert.Equal(new OperatorActions(terminate, unlock), view.Actions);
    }

    /// <summary>How the view was composed as a JSON object before it had a type: the status's members, then these, then the actions its stage allows.</summary>
    static string Composed(JourneyStatusView status, string? runtimeStatus, IReadOnlyList<AuditEventView>? events)
    {
        JsonObject view = JsonSerializer.SerializeToNode(status, ApiJson.Options)!.AsObject();
        view["runtimeStatus"] = runtimeStatus;
        view["erasureRequest"] = null;
        if (events is not null)
        {
            view["events"] = JsonSerializer.SerializeToNode(events, ApiJson.Options);
        }

        view["actions"] = new JsonObject { ["terminate"] = status.Stage.IsOpen(), ["unlock"] = status.Stage == JourneyStage.Locked };
        return view.ToJsonString(ApiJson.Options);
    }
}
