package game

import (
	"errors"
	"testing"
	"time"
)

// TestDayClock checks how many days a frame runs: at least one however
// long days take, no more than are wanted, none after an error.
func TestDayClock(t *testing.T) {
	errStop := errors.New("stop")
	tests := []struct {
		name     string
		budget   time.Duration
		last     time.Duration // the day before's cost
		dayCost  time.Duration // how long each day takes
		wanted   int
		failOn   int // the day whose step fails, 0 for none
		wantDays int
		wantErr  error
	}{
		{"no budget: still one day", 0, 0, 0, 10, 0, 1, nil},
		{"a day longer than the budget: one", time.Millisecond, 0, 2 * time.Millisecond, 10, 0, 1, nil},
		{"room for all", time.Hour, 0, 0, 10, 0, 10, nil},
		{"nothing wanted", time.Hour, 0, 0, 0, 0, 0, nil},
		{"an error stops the frame", time.Hour, 0, 0, 10, 3, 3, errStop},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := dayClock{last: tt.last}
			days := 0
			err := c.run(time.Now(), tt.budget, func() bool { return days < tt.wanted }, func() error {
				days++
				time.Sleep(tt.dayCost)
				if days == tt.failOn {
					return errStop
				}
				return nil
			})
			if days != tt.wantDays || !errors.Is(err, tt.wantErr) {
				t.Errorf("ran %d days, error %v; want %d, %v", days, err, tt.wantDays, tt.wantErr)
			}
		})
	}
}
