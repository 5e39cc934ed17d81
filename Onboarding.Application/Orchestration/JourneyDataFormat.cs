using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace Onboarding.Application.Orchestration;

/// <summary>
/// How everything Durable stores for a journey is written: the orchestration's input and
/// continuation, events, activity inputs and outputs, the custom status. Both hosts use it (the
/// local host's worker and client, the Functions worker's serializer), and so does every reader of
/// a custom status. Enums are written as their names, so a member added anywhere in an enum changes
/// nothing already stored; numbers are still read, for what builds before journey version 2.1 wrote.
/// Property names are the members' own (PascalCase) and read in any case, as the Functions worker
/// did by default. Changing any of this changes what waiting journeys hold: it needs a new journey
/// version (README, "Changing the journey"), and the golden tests in Onboarding.Tests/Persistence say so.
/// </summary>
public static class JourneyDataFormat
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The Durable Task data converter over <see cref="Options"/> (the local host's worker and client).</summary>
    public static DataConverter Converter { get; } = new JsonDataConverter(Options);

    static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions { PropertyNameCaseInsensitive = true };
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: true));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
