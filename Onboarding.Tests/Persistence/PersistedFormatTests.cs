using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Application.Orchestration;
using Onboarding.Domain.Journeys;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Persistence;

/// <summary>
/// What waiting journeys hold is a format: each live version's contracts as its builds wrote them
/// (Golden/v*.json) still read back as the same values, this build writes the current version's
/// golden exactly, and every stored enum keeps each member's name and number (Golden/enums.json).
/// A changed property, a renamed or renumbered member fails here, naming it.
/// </summary>
[Trait(Lanes.Lane, Lanes.Fast)]
public sealed class PersistedFormatTests
{
    /// <summary>
    /// Set to 1 to write the golden file of a version that has none yet (a new version, once, before it is
    /// released). An existing golden file is never rewritten: a released version's format does not change.
    /// </summary>
    const string RecordSwitch = "ONBOARDING_RECORD_GOLDEN";

    /// <summary>How builds before journey version 2.1 wrote Durable's payloads: the SDKs' defaults, enums as numbers.</summary>
    static readonly JsonSerializerOptions NumberedEnums = new();

    public static TheoryData<string> LiveVersions() => [.. JourneyVersions.Live];

    [Theory]
    [MemberData(nameof(LiveVersions))]
    public void Contracts_AsTheVersionsBuildsWroteThem_ReadBackAsTheSameValues(string version)
    {
        JsonObject golden = Golden(version, () => Write(version));

        foreach (Type contract in PersistedContracts.Of(version))
        {
            object sample = PersistedContracts.SampleAsWrittenBy(version, contract);
            Assert.True(golden.ContainsKey(contract.Name), $"Golden/{FileName(version)} has no {contract.Name}: journey version '{version}' stores it. A released version's golden file is not rewritten; a new contract type belongs to a new version.");
            object? read = JsonSerializer.Deserialize(golden[contract.Name]!.ToJsonString(), contract, JourneyDataFormat.Options);
            Assert.True(
                Json(sample) == Json(read),
                $"{contract.Name} as journey version '{version}' stored it no longer reads back the same:\n stored: {golden[contract.Name]!.ToJsonString()}\n read:   {Json(read)}\n sample: {Json(sample)}");
        }
    }

    [Fact]
    public void Contracts_AsThisBuildWritesThem_AreTheCurrentVersionsGolden()
    {
        JsonObject golden = Golden(JourneyVersions.Current, () => Write(JourneyVersions.Current));

        foreach (Type contract in PersistedContracts.Of(JourneyVersions.Current))
        {
            Assert.True(golden.ContainsKey(contract.Name), $"Golden/{FileName(JourneyVersions.Current)} has no {contract.Name}.");
            Assert.Equal(golden[contract.Name]!.ToJsonString(), Json(PersistedContracts.SampleAsWrittenBy(JourneyVersions.Current, contract)));
        }
    }

    [Fact]
    public void PersistedEnums_KeepEveryMembersNameAndNumber()
    {
        JsonObject golden = Load("enums.json") ?? throw new InvalidOperationException("Golden/enums.json is missing.");
        IReadOnlyList<Type> enums = PersistedContracts.Enums();
        Assert.Contains(typeof(JourneyStage), enums);

        foreach (Type type in enums)
        {
            Assert.True(golden.ContainsKey(type.Name), $"{type.Name} is stored by journeys but not in Golden/enums.json: add it with every member's number.");
            var recorded = golden[type.Name]!.AsObject().ToDictionary(member => member.Key, member => member.Value!.GetValue<long>());
            string[] changes = Changes(type, recorded);
            Assert.True(changes.Length == 0, string.Join("\n", changes));
        }
    }

    /// <summary>
    /// A newcomer inserts a stage where the journey has it, without a number: every later stage moves
    /// up one, and journeys made before version 2.1 (which hold stages by number) would read the wrong one.
    /// </summary>
    [Fact]
    public void PersistedEnums_AStageInsertedWithoutANumber_IsCaughtNamingWhatMoved()
    {
        string[] changes = Changes(typeof(StagesWithTermsInserted), StagesOfVersion2);

        Assert.Contains("StagesWithTermsInserted.Registered is 4, was 3: journeys made before version 2.1 hold it by number. Give it back its number.", changes);
        Assert.Contains(changes, change => change.StartsWith("StagesWithTermsInserted.AwaitingTerms took number 3, which Registered has", StringComparison.Ordinal));
    }

    /// <summary>The README's way: the new stage takes the next free number wherever it sits; only the golden file must learn it.</summary>
    [Fact]
    public void PersistedEnums_AStageWithTheNextFreeNumber_OnlyNeedsRecording()
    {
        string[] changes = Changes(typeof(StagesWithTermsNumbered), StagesOfVersion2);

        Assert.Equal(["StagesWithTermsNumbered.AwaitingTerms = 9 is new: add it to Golden/enums.json (numbers are never reused)."], changes);
    }

    /// <summary>What changed in <paramref name="type"/> since its members' names and numbers were <paramref name="recorded"/>.</summary>
    static string[] Changes(Type type, IReadOnlyDictionary<string, long> recorded)
    {
        var changes = new List<string>();
        var current = Enum.GetNames(type).ToDictionary(name => name, name => Convert.ToInt64(Enum.Parse(type, name), System.Globalization.CultureInfo.InvariantCulture));
        foreach ((string name, long number) in recorded)
        {
            if (!current.TryGetValue(name, out long now))
            {
                changes.Add($"{type.Name}.{name} is gone or renamed: waiting journeys hold it by name.");
            }
            else if (now != number)
            {
                changes.Add($"{type.Name}.{name} is {now}, was {number}: journeys made before version {JourneyVersions.V2NamedEnums} hold it by number. Give it back its number.");
            }
        }

        foreach ((string name, long number) in current.Where(member => !recorded.ContainsKey(member.Key)))
        {
            string? holder = recorded.FirstOrDefault(member => member.Value == number).Key;
            changes.Add(holder is not null
                ? $"{type.Name}.{name} took number {number}, which {holder} has: give the new member the next free number."
                : $"{type.Name}.{name} = {number} is new: add it to Golden/enums.json (numbers are never reused).");
        }

        return [.. changes];
    }

    /// <summary>The stages as journey version 2 holds them, by name and number.</summary>
    static readonly IReadOnlyDictionary<string, long> StagesOfVersion2 = new Dictionary<string, long>
    {
        ["AwaitingPhoneCode"] = 0, ["AwaitingEmailConfirmation"] = 1, ["AwaitingProfile"] = 2, ["Registered"] = 3, ["AwaitingDepositAmounts"] = 4,
        ["Verified"] = 5, ["Expired"] = 6, ["Locked"] = 7, ["Cancelled"] = 8,
    };

    /// <summary>"In the order a user goes through it", as the enum once invited: terms after the profile.</summary>
    enum StagesWithTermsInserted
    {
        AwaitingPhoneCode,
        AwaitingEmailConfirmation,
        AwaitingProfile,
        AwaitingTerms,
        Registered,
        AwaitingDepositAmounts,
        Verified,
        Expired,
        Locked,
        Cancelled,
    }

    /// <summary>The README's way: in the journey's place, with the next free number.</summary>
    enum StagesWithTermsNumbered
    {
        AwaitingPhoneCode = 0,
        AwaitingEmailConfirmation = 1,
        AwaitingProfile = 2,
        AwaitingTerms = 9,
        Registered = 3,
        AwaitingDepositAmounts = 4,
        Verified = 5,
        Expired = 6,
        Locked = 7,
        Cancelled = 8,
    }

    static JsonObject Write(string version)
    {
        JsonSerializerOptions options = version == JourneyVersions.Current ? JourneyDataFormat.Options : NumberedEnums;
        var written = new JsonObject();
        foreach (Type contract in PersistedContracts.Of(version))
        {
            written[contract.Name] = JsonNode.Parse(JsonSerializer.Serialize(PersistedContracts.SampleAsWrittenBy(version, contract), contract, options));
        }

        return written;
    }

    static string Json(object? value) => JsonSerializer.Serialize(value, value?.GetType() ?? typeof(object), JourneyDataFormat.Options);

    static string FileName(string version) => version.Length == 0 ? "v1.json" : $"v{version}.json";

    static JsonObject Golden(string version, Func<JsonObject> record)
    {
        if (Load(FileName(version)) is { } golden)
        {
            return golden;
        }

        Assert.True(Environment.GetEnvironmentVariable(RecordSwitch) == "1", $"Golden/{FileName(version)} is missing: record it once with {RecordSwitch}=1, before the version is released.");
        JsonObject recorded = record();
        File.WriteAllText(Path(FileName(version)), recorded.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return recorded;
    }

    static JsonObject? Load(string file) => File.Exists(Path(file)) ? JsonNode.Parse(File.ReadAllText(Path(file)))!.AsObject() : null;

    static string Path(string file) => RepositoryRoot.File("Onboarding.Tests", "Persistence", "Golden", file);
}
