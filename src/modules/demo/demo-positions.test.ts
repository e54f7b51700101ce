import { describe, expect, it } from 'vitest';
import { interimPositions } from '../positions/interim-catalogue.ts';
import { demoPostsFor, positionForTitle } from './demo-positions.ts';
import { leadershipPosts, STAFF_POSTS } from './posts.ts';

describe('demo placement', () => {
  const codes = new Set(interimPositions().map((p) => p.code));
  it('maps every demo civil-servant title to a position of the interim list', () => {
    for (const kind of ['WARD', 'COMMUNE'] as const) {
      for (const post of [...leadershipPosts(kind), ...STAFF_POSTS.map(([p]) => p)]) {
        const code = positionForTitle(post.title);
        if (post.level === 'CHAIR' || post.level === 'VICE') expect(code).toBeNull();
        else expect({ title: post.title, known: code !== null && codes.has(code) }).toEqual({ title: post.title, known: true });
      }
    }
  });
  it('tells deputies from heads', () => {
    expect(positionForTitle('Phó Trưởng phòng Văn hóa – Xã hội')).toBe('LD.04');
    expect(positionForTitle('Trưởng phòng Văn hóa – Xã hội')).toBe('LD.03');
    expect(positionForTitle('Phó Giám đốc Trung tâm Phục vụ hành chính công')).toBe('LD.06');
  });
  it('plans posts only for positions of the list', () => {
    for (const kind of ['WARD', 'COMMUNE']) for (const code of Object.keys(demoPostsFor(kind))) expect(codes.has(code)).toBe(true);
  });
});
