using FsCheck;
using FsCheck.Fluent;
using PressDeck.Core.Text;

namespace PressDeck.Core.Tests.Text;

public sealed class TokenHashTests
{
    [Fact]
    [Trait("Issue", "3")]
    public void Lowering_and_hashing_in_one_pass_equals_lowering_then_hashing()
    {
        var ascii = Gen.Choose(0, 127).Select(code => (char)code);
        var words = Gen.Choose(0, 21).SelectMany(length => Gen.ArrayOf(ascii, length)).Select(characters => new string(characters));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(10_000), Prop.ForAll(Arb.From(words), word =>
        {
            var lowered = new char[word.Length];

            var hash = TokenHash.OfAsciiLowered(word, lowered);

            Assert.Equal(word.ToLowerInvariant(), new string(lowered));
            Assert.Equal(TokenHash.Of(word.ToLowerInvariant()), hash);
        }));
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Tokens_that_differ_only_in_their_last_characters_hash_apart()
    {
        string[] tokens = ["a", "b", "ab", "ba", "abc", "abd", "abcd", "abce", "abcde", "abcdf", "abcdefg", "abcdefh", "a\0", "\0a"];

        Assert.Equal(tokens.Length, tokens.Select(token => TokenHash.Of(token)).Distinct().Count());
    }
}
