namespace Kinship.Lineage.Similarity;

/// <summary>
/// NumPy's default <c>np.argsort</c> (<c>kind='quicksort'</c>) for a 64-bit integer array, step for step: an introsort
/// (median-of-three quicksort, insertion sort on runs of at most 16, heapsort past a depth of 2·⌊log₂ n⌋). It is not
/// stable, so the order it leaves equal values in is part of its result: scikit-learn's <c>_limit_features</c> keeps the
/// first <c>max_features</c> entries of <c>(-tfs).argsort()</c>, which decides which tied terms survive the cut.
/// </summary>
/// <remarks>
/// This is the scalar kernel (numpy/_core/src/npysort/quicksort.cpp <c>aquicksort_</c>, SMALL_QUICKSORT = 15). NumPy
/// builds that dispatch 64-bit argsort to x86-simd-sort (1.25+ on AVX-512 CPUs, 2.x also on AVX2) order ties differently.
/// </remarks>
internal static class NumpyArgsort
{
    private const int SmallQuicksort = 15;

    /// <summary>The permutation numpy's scalar argsort returns for <paramref name="values"/>.</summary>
    public static int[] Argsort(ReadOnlySpan<long> values)
    {
        var v = values.ToArray();
        var tosort = new int[v.Length];
        for (var i = 0; i < tosort.Length; i++)
        {
            tosort[i] = i;
        }
        if (v.Length > 1)
        {
            Sort(v, tosort);
        }
        return tosort;
    }

    private static void Sort(long[] v, int[] a)
    {
        var num = a.Length;
        var pl = 0;
        var pr = num - 1;
        var stack = new Stack<(int Left, int Right, int Depth)>();
        var cdepth = MostSignificantBit(num) * 2;
        while (true)
        {
            if (cdepth < 0)
            {
                HeapSort(v, a, pl, pr - pl + 1);
            }
            else
            {
                while (pr - pl > SmallQuicksort)
                {
                    var pm = pl + ((pr - pl) >> 1);
                    if (v[a[pm]] < v[a[pl]])
                    {
                        Swap(a, pm, pl);
                    }
                    if (v[a[pr]] < v[a[pm]])
                    {
                        Swap(a, pr, pm);
                    }
                    if (v[a[pm]] < v[a[pl]])
                    {
                        Swap(a, pm, pl);
                    }
                    var vp = v[a[pm]];
                    var pi = pl;
                    var pj = pr - 1;
                    Swap(a, pm, pj);
                    while (true)
                    {
                        do
                        {
                            ++pi;
                        }
                        while (v[a[pi]] < vp);
                        do
                        {
                            --pj;
                        }
                        while (vp < v[a[pj]]);
                        if (pi >= pj)
                        {
                            break;
                        }
                        Swap(a, pi, pj);
                    }
                    Swap(a, pi, pr - 1);
                    // Push the larger partition, continue with the smaller.
                    --cdepth;
                    if (pi - pl < pr - pi)
                    {
                        stack.Push((pi + 1, pr, cdepth));
                        pr = pi - 1;
                    }
                    else
                    {
                        stack.Push((pl, pi - 1, cdepth));
                        pl = pi + 1;
                    }
                }
                for (var pi = pl + 1; pi <= pr; ++pi)
                {
                    var vi = a[pi];
                    var value = v[vi];
                    var pj = pi;
                    while (pj > pl && value < v[a[pj - 1]])
                    {
                        a[pj] = a[pj - 1];
                        pj--;
                    }
                    a[pj] = vi;
                }
            }
            if (stack.Count == 0)
            {
                break;
            }
            (pl, pr, cdepth) = stack.Pop();
        }
    }

    /// <summary>numpy's <c>aheapsort_</c> on a[start .. start+n).</summary>
    private static void HeapSort(long[] v, int[] tosort, int start, int n)
    {
        // 1-based heap indexing over tosort[start - 1 + k].
        var o = start - 1;
        int i, j, tmp;
        for (var l = n >> 1; l > 0; --l)
        {
            tmp = tosort[o + l];
            for (i = l, j = l << 1; j <= n;)
            {
                if (j < n && v[tosort[o + j]] < v[tosort[o + j + 1]])
                {
                    j += 1;
                }
                if (v[tmp] < v[tosort[o + j]])
                {
                    tosort[o + i] = tosort[o + j];
                    i = j;
                    j += j;
                }
                else
                {
                    break;
                }
            }
            tosort[o + i] = tmp;
        }
        for (; n > 1;)
        {
            tmp = tosort[o + n];
            tosort[o + n] = tosort[o + 1];
            n -= 1;
            for (i = 1, j = 2; j <= n;)
            {
                if (j < n && v[tosort[o + j]] < v[tosort[o + j + 1]])
                {
                    j++;
                }
                if (v[tmp] < v[tosort[o + j]])
                {
                    tosort[o + i] = tosort[o + j];
                    i = j;
                    j += j;
                }
                else
                {
                    break;
                }
            }
            tosort[o + i] = tmp;
        }
    }

    private static int MostSignificantBit(int n)
    {
        var depth = 0;
        var u = (uint)n;
        while ((u >>= 1) != 0)
        {
            depth++;
        }
        return depth;
    }

    private static void Swap(int[] a, int i, int j) => (a[i], a[j]) = (a[j], a[i]);
}
