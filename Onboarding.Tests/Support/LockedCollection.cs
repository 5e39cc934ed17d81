namespace Onboarding.Tests.Support;

/// <summary>A collection exporters may add to from any thread while a test reads a snapshot of it.</summary>
public sealed class LockedCollection<T> : ICollection<T>
{
    readonly List<T> items = [];

    public int Count { get { lock (items) return items.Count; } }

    public bool IsReadOnly => false;

    public T[] Snapshot() { lock (items) return [.. items]; }

    public void Add(T item) { lock (items) items.Add(item); }

    public void Clear() { lock (items) items.Clear(); }

    public bool Contains(T item) { lock (items) return items.Contains(item); }

    public void CopyTo(T[] array, int arrayIndex) { lock (items) items.CopyTo(array, arrayIndex); }

    public bool Remove(T item) { lock (items) return items.Remove(item); }

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)Snapshot()).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
