import assert from 'node:assert/strict'
import { test } from 'node:test'
import { BaggageSigner, baggageValue, withBaggage } from '../src/context/baggage.js'

const KEY = 'a-fleet-secret-of-32-characters!'

test('baggage - a signed decision verifies with the same key only', () => {
  const signer = new BaggageSigner(KEY)
  const token = signer.sign('debug', Date.now() + 60_000, 'rule-1')
  assert.equal(signer.verify(token, Date.now())?.level, 'debug')
  assert.equal(new BaggageSigner('another-secret-of-some-length').verify(token, Date.now()), undefined)
})

test('baggage - a tampered or expired decision is not trusted', () => {
  const signer = new BaggageSigner(KEY)
  const token = signer.sign('debug', Date.now() + 60_000, 'rule-1')
  assert.equal(signer.verify(token.replace('debug', 'trace'), Date.now()), undefined)
  assert.equal(signer.verify('trace.zzzzzz.rule-1.AAAAAAAAAAAAAAAAAAAAAA', Date.now()), undefined)
  assert.equal(signer.verify(token, Date.now() + 120_000), undefined)
  assert.equal(signer.verify('garbage', Date.now()), undefined)
})

test('baggage - our member is read from and written into a header with others', () => {
  assert.equal(baggageValue('a=1, prodbench=x.y.z.w;prop=1, b=2'), 'x.y.z.w')
  assert.equal(baggageValue('a=1'), undefined)
  assert.equal(withBaggage('a=1,prodbench=old', 'new'), 'a=1,prodbench=new')
  assert.equal(withBaggage(undefined, 'new'), 'prodbench=new')
})
