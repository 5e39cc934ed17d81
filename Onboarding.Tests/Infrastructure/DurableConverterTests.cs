using System.Collections;
using System.Reflection;
using Microsoft.DurableTask;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// Every Durable contract — the orchestration's input and continuation, every event, every
/// activity's input and output, the custom status, the orchestrator's result — serialises to the same
/// JSON with the converter each host actually configures (the local host's worker and client; the
/// Functions worker's, which the Durable worker extension makes from the worker's serializer), and
/// what one host writes the other reads back to the same JSON. A journey that moves from one host's
/// history to the other's (or an upgrade that changes hosts) then replays the same data. Sample
/// values are filled in by reflection, every member set and every enum off its default, so a new
/// member or type is covered without touching this test.
/// </summary>
public sealed class DurableConverterTests
{
    static readonly DateTime At = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Contracts_BothHostsConverters_WriteAndReadTheSameJson()
    {
        // Arrange
        (DataConverter Worker, DataConverter Client) local = await HostDataConverters.LocalHostAsync();
        (DataConverter Worker, DataConverter Client) functions = HostDataConverters.Functions();
        var converters = new Dictionary<string, DataConverter>
        {
            ["local host worker"] = local.Worker,
            ["local host client"] = local.Client,
            ["Functions worker"] = functions.Worker,
            ["Functions client"] = functions.Client,
        };

        // The Functions worker's converters are the extension's shim over the worker's serializer
        // (DurableTaskExtensionStartup ignores any DataConverter registered in DI).
        Assert.Equal("ObjectConverterShim", functions.Worker.GetType().Name);
        Assert.Equal("ObjectConverterShim", functions.Client.GetType().Name);

        // Act & Assert
        var failures = new List<string>();
        foreach (Type contract in Contracts())
        {
            object sample = Make(contract, depth: 0)!;
            Dictionary<string, string> written = converters.ToDictionary(converter => converter.Key, converter => converter.Value.Serialize(sample) ?? "null");
            if (written.Values.Distinct().Count() != 1)
            {
                failures.Add($"{contract.Name}: " + string.Join(" | ", written.Select(pair => $"{pair.Key}: {pair.Value}")));
                continue;
            }

            foreach ((string reader, DataConverter converter) in converters)
            {
                string? reread = local.Worker.Serialize(converter.Deserialize(written.Values.First(), contract));
                if (reread != written.Values.First())
                {
                    failures.Add($"{contract.Name}: {reader} reads {written.Values.First()} back as {reread}");
                }
            }
        }

        Assert.True(failures.Count == 0, "The hosts disagree on what Durable stores:\n" + string.Join("\n", failures));
    }

    /// <summary>The types Durable stores for a journey, found by name so the test follows moves of the code.</summary>
    static IEnumerable<Type> Contracts()
    {
        Assembly application = typeof(Onboarding.Application.OnboardingServices).Assembly;
        Type[] types = application.GetTypes();
        Type events = types.Single(type => type.Name == "IJourneyEvent");
        var contracts = new HashSet<Type>(types.Where(type => !type.IsAbstract && events.IsAssignableFrom(type)))
        {
            types.Single(type => type.Name == "JourneyInput"),
            types.Single(type => type.Name == "JourneyCustomStatus"),
            typeof(Onboarding.Domain.Journeys.JourneyStage), // the orchestrator's result
        };
        var activities = (IEnumerable)types.Single(type => type.Name == "JourneyActivities").GetProperty("All")!.GetValue(null)!;
        foreach (object activity in activities)
        {
            contracts.Add((Type)activity.GetType().GetProperty("InputType")!.GetValue(activity)!);
            contracts.Add((Type)activity.GetType().GetProperty("OutputType")!.GetValue(activity)!);
        }

        Assert.True(contracts.Count > 10, $"only {contracts.Count} contracts found");
        return contracts;
    }

    /// <summary>A value of <paramref name="type"/> with every member set and every enum on its last member.</summary>
    static object? Make(Type type, int depth)
    {
        Assert.True(depth < 8, $"{type} nests too deep for a sample");
        Type? underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return Make(underlying, depth);
        }

        switch (type)
        {
            case { IsEnum: true }:
                return Enum.GetValues(type).Cast<object>().Last();
            case var _ when type == typeof(string):
                return "sample-text";
            case var _ when type == typeof(bool):
                return true;
            case var _ when type == typeof(int):
                return 3;
            case var _ when type == typeof(long):
                return 3L;
            case var _ when type == typeof(decimal):
                return 0.37m;
            case var _ when type == typeof(double):
                return 1.5;
            case var _ when type == typeof(DateTime):
                return At;
            case var _ when type == typeof(DateTimeOffset):
                return new DateTimeOffset(At);
            case var _ when type == typeof(TimeSpan):
                return TimeSpan.FromMinutes(10);
            case var _ when type == typeof(Guid):
                return new Guid("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        }

        if (type.IsArray || type.IsGenericType && type.GetGenericTypeDefinition() is var generic
            && (generic == typeof(IReadOnlyList<>) || generic == typeof(IList<>) || generic == typeof(List<>) || generic == typeof(IEnumerable<>)
                || generic == typeof(IReadOnlyCollection<>) || generic == typeof(ICollection<>)))
        {
            Type element = type.IsArray ? type.GetElementType()! : type.GetGenericArguments()[0];
            Array items = Array.CreateInstance(element, 1);
            items.SetValue(Make(element, depth + 1), 0);
            return type.IsArray || !type.GetGenericTypeDefinition().Equals(typeof(List<>)) ? items : Activator.CreateInstance(type, items);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var map && (map == typeof(IReadOnlyDictionary<,>) || map == typeof(Dictionary<,>) || map == typeof(IDictionary<,>)))
        {
            Type[] arguments = type.GetGenericArguments();
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(arguments))!;
            dictionary.Add(Make(arguments[0], depth + 1)!, Make(arguments[1], depth + 1));
            return dictionary;
        }

        Type concrete = type.IsAbstract || type.IsInterface
            ? type.Assembly.GetTypes().First(candidate => !candidate.IsAbstract && type.IsAssignableFrom(candidate) && candidate.GetConstructors().Length > 0)
            : type;
        ConstructorInfo constructor = concrete.GetConstructors().OrderByDescending(candidate => candidate.GetParameters().Length).First();
        object instance = constructor.Invoke(constructor.GetParameters().Select(parameter => Make(parameter.ParameterType, depth + 1)).ToArray());
        foreach (PropertyInfo property in concrete.GetProperties().Where(property => property.SetMethod is { IsPublic: true }
                     && !constructor.GetParameters().Any(parameter => string.Equals(parameter.Name, property.Name, StringComparison.OrdinalIgnoreCase))))
        {
            property.SetValue(instance, Make(property.PropertyType, depth + 1));
        }

        return instance;
    }
}
