using PressDeck.Data.Audit;

namespace PressDeck.Data.Tests.Audit;

[Trait("Issue", "5")]
public sealed class AuditChainTests
{
    [Fact]
    public void An_untouched_chain_has_no_problem_from_its_first_entry_to_its_last()
    {
        var chain = Chain(5);

        Assert.Null(FirstProblem(chain));
        Assert.Equal(AuditChain.Genesis, chain[0].PreviousHash);
        Assert.All(chain.Skip(1), (entry, index) => Assert.Equal(chain[index].Hash, entry.PreviousHash));
        Assert.Equal(5, chain.Select(e => e.Hash).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(nameof(AuditEntry.ActorName))]
    [InlineData(nameof(AuditEntry.ActorId))]
    [InlineData(nameof(AuditEntry.Action))]
    [InlineData(nameof(AuditEntry.Target))]
    [InlineData(nameof(AuditEntry.Details))]
    [InlineData(nameof(AuditEntry.IpAddress))]
    [InlineData(nameof(AuditEntry.At))]
    public void A_field_changed_after_writing_breaks_the_chain_at_that_entry(string field)
    {
        var chain = Chain(5);
        var entry = chain[2];
        switch (field)
        {
            case nameof(AuditEntry.ActorName): entry.ActorName = "Someone Else <else@press.example.gov.uk>"; break;
            case nameof(AuditEntry.ActorId): entry.ActorId = "another-id"; break;
            case nameof(AuditEntry.Action): entry.Action = "sign-in"; break;
            case nameof(AuditEntry.Target): entry.Target = "another target"; break;
            case nameof(AuditEntry.Details): entry.Details = "nothing to see"; break;
            case nameof(AuditEntry.IpAddress): entry.IpAddress = "10.0.0.1"; break;
            case nameof(AuditEntry.At): entry.At = entry.At.AddSeconds(-1); break;
        }

        var problem = FirstProblem(chain);

        Assert.NotNull(problem);
        Assert.Equal(3, problem.EntryId);
        Assert.Contains("entry 3 was changed after it was written", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Moving_text_from_one_field_to_the_next_still_changes_the_hash()
    {
        var entry = Chain(1)[0];
        var moved = Copy(entry);
        moved.Target = entry.Target + entry.Details[..1];
        moved.Details = entry.Details[1..];

        Assert.NotEqual(AuditChain.HashOf(entry), AuditChain.HashOf(moved));
    }

    [Fact]
    public void Swapped_entries_are_found_at_the_first_one_out_of_place()
    {
        var chain = Chain(5);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var problem = FirstProblem(chain);

        Assert.NotNull(problem);
        Assert.Equal(3, problem.EntryId);
        Assert.Contains("entry 2 is missing (the next entry is 3)", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapped_entries_renumbered_to_hide_the_swap_no_longer_link()
    {
        var chain = Chain(5);
        var second = Copy(chain[1]);
        var third = Copy(chain[2]);
        (second.Id, third.Id) = (3, 2);
        chain[1] = third;
        chain[2] = second;

        var problem = FirstProblem(chain);

        Assert.NotNull(problem);
        Assert.Equal(2, problem.EntryId);
        Assert.Contains("entry 2 does not follow entry 1", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_entry_is_named_with_the_entry_after_the_gap()
    {
        var chain = Chain(5);
        chain.RemoveAt(3);

        var problem = FirstProblem(chain);

        Assert.NotNull(problem);
        Assert.Equal(5, problem.EntryId);
        Assert.Equal("entry 4 is missing (the next entry is 5)", problem.Description);
    }

    [Fact]
    public void A_missing_first_entry_is_found()
    {
        var chain = Chain(3);
        chain.RemoveAt(0);

        var problem = FirstProblem(chain);

        Assert.NotNull(problem);
        Assert.Equal("entry 1 is missing (the next entry is 2)", problem.Description);
    }

    [Fact]
    public void A_changed_link_to_the_previous_entry_is_found_even_when_the_entry_is_hashed_again()
    {
        var chain = Chain(4);
        chain[2].PreviousHash = new string('a', 64);
        chain[2].Hash = AuditChain.HashOf(chain[2]);

        var problem = FirstProblem(chain);

        Assert.NotNull(problem);
        Assert.Equal(3, problem.EntryId);
        Assert.Contains("entry 3 does not follow entry 2: its link to the previous entry was changed", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void An_edited_entry_hashed_again_by_the_editor_is_found_at_the_entry_after_it()
    {
        var chain = Chain(4);
        chain[1].Details = "quietly rewritten";
        chain[1].Hash = AuditChain.HashOf(chain[1]);

        var problem = FirstProblem(chain);

        Assert.NotNull(problem);
        Assert.Equal(3, problem.EntryId);
        Assert.Contains("entry 3 does not follow entry 2", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_entry_must_link_to_the_genesis_hash()
    {
        var chain = Chain(2);
        chain[0].PreviousHash = new string('1', 64);
        chain[0].Hash = AuditChain.HashOf(chain[0]);

        var problem = FirstProblem(chain);

        Assert.NotNull(problem);
        Assert.Equal(1, problem.EntryId);
        Assert.Contains("entry 1 does not follow entry 0", problem.Description, StringComparison.Ordinal);
    }

    private static List<AuditEntry> Chain(int count)
    {
        var entries = new List<AuditEntry>(count);
        var at = new DateTime(2026, 11, 26, 9, 30, 0, DateTimeKind.Utc);
        for (var id = 1; id <= count; id++)
        {
            var entry = new AuditEntry
            {
                Id = id,
                At = at.AddMinutes(id).AddTicks(id * 10),
                ActorId = $"person-{id % 2}",
                ActorName = id % 2 == 0 ? "Sam Lead <lead@press.example.gov.uk>" : "Priya Shah <priya@press.example.gov.uk>",
                Action = id % 2 == 0 ? "sign-in" : "person.role-changed",
                Target = $"target {id}",
                Details = $"details of entry {id}",
                IpAddress = "127.0.0.1",
                PreviousHash = entries.Count == 0 ? AuditChain.Genesis : entries[^1].Hash,
            };
            entry.Hash = AuditChain.HashOf(entry);
            entries.Add(entry);
        }

        return entries;
    }

    private static AuditChainProblem? FirstProblem(IEnumerable<AuditEntry> entries)
    {
        AuditEntry? previous = null;
        foreach (var entry in entries)
        {
            if (AuditChain.Check(previous, entry) is { } problem)
            {
                return problem;
            }

            previous = entry;
        }

        return null;
    }

    private static AuditEntry Copy(AuditEntry entry) => new()
    {
        Id = entry.Id,
        At = entry.At,
        ActorId = entry.ActorId,
        ActorName = entry.ActorName,
        Action = entry.Action,
        Target = entry.Target,
        Details = entry.Details,
        IpAddress = entry.IpAddress,
        PreviousHash = entry.PreviousHash,
        Hash = entry.Hash,
    };
}
