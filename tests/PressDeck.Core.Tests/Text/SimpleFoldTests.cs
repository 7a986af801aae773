using FsCheck;
using FsCheck.Fluent;
using PressDeck.Core.Text;

namespace PressDeck.Core.Tests.Text;

/// <summary>
/// The normaliser's per-character fast path gives exactly what the step-by-step normaliser gives, for every
/// character and for random text mixing the characters where Unicode normalisation depends on neighbours.
/// </summary>
public sealed class SimpleFoldTests
{
    // Characters chosen for how they interact: marks, jamo, compatibility forms, case oddities, surrogates.
    private static readonly string[] Pieces =
    [
        "a", "Z", " ", "-", "'", "1", "é", "É", "e\u0301", "\u0301", "\u0323\u0302", "ệ", "ß", "ẞ", "İ", "ı", "ﬁ", "ﬀ",
        "Σ", "σ", "ς", "ά", "\u0344", "\u1FED", "Ё", "й", "и\u0306", "日", "本", "カ", "ｶ", "ﾞ", "が", "か\u3099",
        "한", "\u1112", "\u1161", "\u11AB", "ㅎ", "ﾡ", "＃", "Ａ", "①", "㎞", "…", "\u00A0", "\u200D", "\uFE0F", "\uFE0E",
        "👍", "👍🏽", "🇬🇧", "1\u20E3", "\U0001D400", "\U0001D7CE", "ا", "\u064E", "क", "\u093F", "\u0958", "ள", "\u0BBE",
        "ொ", "\u0CC6", "\u0CD5", "\uD800", "\uDC00", "\uFFFD", "ǅ", "Ω", "K", "Å", "ŉ", "ǰ", "\u0345", "ᾳ",
    ];

    [Fact]
    [Trait("Issue", "3")]
    public void Agrees_with_the_full_normaliser_on_random_text_of_interacting_characters()
    {
        var text = Gen.Choose(1, 12)
            .SelectMany(count => Gen.ArrayOf(Gen.Elements(Pieces), count))
            .Select(pieces => string.Concat(pieces));
        var fastPathTaken = 0;

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(10_000), Prop.ForAll(Arb.From(text), sample =>
        {
            if (SimpleFold.TryFold(sample, out string _))
            {
                fastPathTaken++;
            }

            Assert.Equal(TextNormaliser.NormaliseWordFully(sample), TextNormaliser.NormaliseWord(sample));
        }));

        // Not vacuous: the fast path took a good share of the samples.
        Assert.True(fastPathTaken > 1_000, $"the fast path took only {fastPathTaken} samples");
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Agrees_with_the_full_normaliser_for_every_character_between_neighbours()
    {
        string[] neighbours = ["a", "É", "Σ", "한", "ﬁ", "1"];
        var mismatches = new List<string>();
        for (var value = 0x80; value <= 0xFFFF; value++)
        {
            if (char.IsSurrogate((char)value))
            {
                continue;
            }

            var character = ((char)value).ToString();
            foreach (var before in neighbours)
            {
                var sample = before + character + neighbours[value % neighbours.Length];
                if (TextNormaliser.NormaliseWord(sample) != TextNormaliser.NormaliseWordFully(sample))
                {
                    mismatches.Add($"U+{value:X4} after {before}");
                }
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    [Trait("Issue", "3")]
    public void Knows_text_is_in_nfkc_only_when_it_is()
    {
        foreach (var piece in Pieces)
        {
            var sample = "x" + piece + "y";
            if (SimpleFold.IsKnownNfkc(sample))
            {
                Assert.True(sample.IsNormalized(System.Text.NormalizationForm.FormKC), $"{sample} is not in NFKC");
            }
        }

        Assert.True(SimpleFold.IsKnownNfkc("Café in São Paulo 👍"));
        Assert.False(SimpleFold.IsKnownNfkc("＃budget"));
        Assert.False(SimpleFold.IsKnownNfkc("e\u0301"));
    }
}
