using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace PressDeck.Core.Query.Matching;

/// <summary>
/// Asks the processor to start loading memory that the matcher will read shortly, so that the cache misses of many
/// independent lookups overlap instead of following one another (at 100,000 queries the index no longer fits in the
/// caches, and each term lookup is a chain of misses). A hint only: it reads nothing and cannot fault, so an address
/// that a garbage collection has since moved is harmless. Does nothing where the processor offers no prefetch
/// instruction to .NET.
/// </summary>
internal static unsafe class CachePrefetch
{
    public static void Location<T>(ref T location)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref location));
        }
    }

    public static void Characters(string text)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref MemoryMarshal.GetReference(text.AsSpan())));
        }
    }

    public static void Elements<T>(T[] array)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(array)));
        }
    }

    public static void Object(object target)
    {
        if (Sse.IsSupported)
        {
            // The object's first field: its header and method table share the line in almost every case.
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.As<RawData>(target).Data));
        }
    }

    // The layout of any object's data, to take its address; never instantiated, so never assigned.
#pragma warning disable CS0649
    private sealed class RawData
    {
        public byte Data;
    }
#pragma warning restore CS0649
}
