using System.Text.Json.Nodes;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The journey events' topic as infra/main.bicep declares it (modules/eventGrid.bicep): CloudEvents in,
/// the apps' identities only, private with network isolation, dead letters where Event Grid can write them.
/// </summary>
public sealed class EventGridTemplateTests(BicepTemplateFixture bicep) : IClassFixture<BicepTemplateFixture>
{
    const string EventGridDataSender = "d5a91429-5739-47e2-a06b-3470a27159e7";

    JsonObject[] Resources => [.. BicepTemplateFixture.Descendants(bicep.CompiledTemplate)];

    JsonObject Single(string type) => Assert.Single(Resources, node => Text(node["type"]) == type);

    [Fact]
    public void Topic_TakesCloudEventsFromManagedIdentitiesOnlyAndIsPrivateWithNetworkIsolation()
    {
        JsonObject topic = Single("Microsoft.EventGrid/topics");

        Assert.Equal("CloudEventSchemaV1_0", Text(topic["properties"]!["inputSchema"]));
        Assert.True(topic["properties"]!["disableLocalAuth"]!.GetValue<bool>());
        Assert.Contains("'Disabled'", Text(topic["properties"]!["publicNetworkAccess"]), StringComparison.Ordinal);
        Assert.Equal("SystemAssigned", Text(topic["identity"]!["type"]));
        Assert.Contains(Resources, node => Text(node["type"]) == "Microsoft.Network/privateEndpoints"
            && node.ToJsonString().Contains("\"topic\"", StringComparison.Ordinal));
        Assert.Contains(Resources, node => Text(node["type"]) == "Microsoft.Network/privateDnsZones" && Text(node["name"]) == "privatelink.eventgrid.azure.net");
    }

    [Fact]
    public void Publishers_EveryAppIdentity_HasEventGridDataSenderOnTheTopicAndTheTopicEndpoint()
    {
        // The role by its built-in id (a variable of the module), assigned on the topic to each publishing identity.
        Assert.Contains(Resources, node => Text(node["eventGridDataSender"]) == EventGridDataSender);
        JsonObject sender = Assert.Single(Resources, node => Text(node["type"]) == "Microsoft.Authorization/roleAssignments"
            && Text(node["properties"]?["roleDefinitionId"])?.Contains("variables('eventGridDataSender')", StringComparison.Ordinal) == true);

        Assert.Contains("Microsoft.EventGrid/topics", Text(sender["scope"]), StringComparison.Ordinal);
        Assert.Contains("publisherPrincipalIds", sender["copy"]!.ToJsonString(), StringComparison.Ordinal); // one per app
        Assert.Equal("[parameters('eventsTopicEndpoint')]", Text(bicep.AppSettings()["Events__TopicEndpoint"]));
        Assert.Contains("outputs.topicEndpoint.value", bicep.CompiledTemplate.ToJsonString(), StringComparison.Ordinal); // the topic's own endpoint
        Assert.False(bicep.AppSettings().ContainsKey("Events__AccessKey")); // no keys: the topic takes tokens only
    }

    [Fact]
    public void ExampleSubscription_DeliversCloudEventsWithTheLongestRetriesAndDeadLettersThroughTheTopicsIdentity()
    {
        JsonObject subscription = Single("Microsoft.EventGrid/topics/eventSubscriptions");
        JsonNode properties = subscription["properties"]!;

        Assert.Equal("CloudEventSchemaV1_0", Text(properties["eventDeliverySchema"]));
        Assert.Equal(30, properties["retryPolicy"]!["maxDeliveryAttempts"]!.GetValue<int>());
        Assert.Equal(1440, properties["retryPolicy"]!["eventTimeToLiveInMinutes"]!.GetValue<int>());
        Assert.Equal("SystemAssigned", Text(properties["deadLetterWithResourceIdentity"]!["identity"]!["type"]));
        JsonObject deadLetters = Assert.Single(Resources, node => Text(node["type"]) == "Microsoft.Storage/storageAccounts"
            && node["properties"]?["networkAcls"]?["bypass"] is not null && node["properties"]?["publicNetworkAccess"] is null);
        Assert.Equal("Deny", Text(deadLetters["properties"]!["networkAcls"]!["defaultAction"]));
        Assert.False(deadLetters["properties"]!["allowSharedKeyAccess"]!.GetValue<bool>());
    }

    static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
