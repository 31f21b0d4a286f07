/**
 * The applicant's name as the public tracking page may show it: initials with a few stars, the last
 * name word as its initial only — "Nguyễn Văn An" → "N*** V** A". Enough for the applicant to
 * recognise, nothing for a stranger.
 */
export function maskName(fullName: string): string {
  const words = fullName.trim().split(/\s+/).filter(Boolean);
  return words
    .map((w, i) => {
      const first = [...w][0] ?? '';
      if (i === words.length - 1) return first.toUpperCase();
      return `${first.toUpperCase()}${'*'.repeat(Math.min(3, Math.max(1, [...w].length - 1)))}`;
    })
    .join(' ');
}
